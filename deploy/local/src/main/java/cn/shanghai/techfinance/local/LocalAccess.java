package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.infra.KafkaAccess;
import cn.shanghai.techfinance.infra.KafkaLogin;
import cn.shanghai.techfinance.infra.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The local run's Kafka identities, kept under its data directory so that they outlive the broker
 * (whose log, users and ACLs are formatted away at each start):
 * <ul>
 *   <li>{@code secrets/kafka/<principal>.password}: each principal's password, generated once;</li>
 *   <li>{@code banks}: the banks onboarded so far, one code a line;</li>
 *   <li>{@code clients/<CODE>.properties}, {@code clients/credit-platform.properties}: a standard
 *       Kafka client file for each bank and for the credit platform.</li>
 * </ul>
 * {@link #setUp()} after each start re-creates everything: the platform's principals and ACLs,
 * and every bank onboarded before. {@link #onboard} onboards one more bank.
 */
public final class LocalAccess {

    private final Path dataDir;
    private final String clientsBootstrap;
    private final Secrets passwords;
    private final KafkaAccess access;
    private final KafkaLogin admin;

    public LocalAccess(Path dataDir, LocalKafkaBroker.Ports ports) {
        this.dataDir = dataDir;
        this.clientsBootstrap = ports.clientsBootstrap();
        this.passwords = new Secrets(dataDir.resolve("secrets").resolve("kafka"));
        this.admin = LocalKafkaBroker.adminLogin(ports, adminPassword(dataDir));
        this.access = new KafkaAccess(admin);
    }

    /** The super user's password, the broker's configuration is written with it. */
    public static String adminPassword(Path dataDir) {
        return new Secrets(dataDir.resolve("secrets").resolve("kafka")).passwordOf(KafkaAccess.ADMIN);
    }

    /** The platform's topics, principals and ACLs, then every bank onboarded before; returns the banks. */
    public List<String> setUp() {
        Map<String, String> platform = new LinkedHashMap<>();
        KafkaAccess.PLATFORM_PRINCIPALS.forEach(principal -> platform.put(principal, passwords.passwordOf(principal)));
        access.setUpPlatform(platform);
        login(KafkaAccess.CREDIT_PLATFORM).writeTo(clientFile(KafkaAccess.CREDIT_PLATFORM));
        List<String> banks = registeredBanks();
        banks.forEach(this::onboard);
        return banks;
    }

    /**
     * Onboards a bank: its topics, principal and ACLs on the broker (idempotent), its code in the
     * registry (so the next start re-creates it), its client file; returns the file.
     */
    public Path onboard(String bankCode) {
        if (!BankCode.isValid(bankCode)) {
            throw new IllegalArgumentException("not a bank code: " + bankCode + " (2-16 of A-Z, 0-9, '-')");
        }
        access.onboardBank(bankCode, passwords.passwordOf(bankCode));
        register(bankCode);
        Path file = clientFile(bankCode);
        login(bankCode).writeTo(file);
        return file;
    }

    /** How {@code principal} (a bank's code or a platform principal) logs in on the clients' listener. */
    public KafkaLogin login(String principal) {
        return KafkaLogin.scram(clientsBootstrap, principal, passwords.passwordOf(principal));
    }

    /** The super user, for the local run's own look at the topics (the replay's outcome reader). */
    public KafkaLogin admin() {
        return admin;
    }

    Path clientFile(String principal) {
        return dataDir.resolve("clients").resolve(principal + ".properties");
    }

    List<String> registeredBanks() {
        Path registry = registry();
        try {
            return Files.exists(registry) ? Files.readAllLines(registry, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(BankCode::isValid).distinct().toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registry, e);
        }
    }

    private synchronized void register(String bankCode) {
        TreeSet<String> banks = new TreeSet<>(registeredBanks());
        if (banks.add(bankCode)) {
            try {
                Files.createDirectories(dataDir);
                Files.write(registry(), banks, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + registry(), e);
            }
        }
    }

    private Path registry() {
        return dataDir.resolve("banks");
    }
}
