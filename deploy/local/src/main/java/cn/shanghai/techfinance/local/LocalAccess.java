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
 *   <li>{@code banks}, {@code insurers}: the banks and the insurers (科技保险) onboarded so far, one
 *       code a line (one namespace: a code is a bank's or an insurer's, never both);</li>
 *   <li>{@code clients/<CODE>.properties}, {@code clients/insurer-<CODE>.properties},
 *       {@code clients/credit-platform.properties}: a standard Kafka client file for each bank, each
 *       insurer and the credit platform.</li>
 * </ul>
 * {@link #setUp()} after each start re-creates everything: the platform's principals and ACLs,
 * and every bank and insurer onboarded before. {@link #onboard} onboards one more bank,
 * {@link #onboardInsurer} one more insurer.
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

    /** The platform's topics, principals and ACLs, then every bank and insurer onboarded before; returns the banks. */
    public List<String> setUp() {
        Map<String, String> platform = new LinkedHashMap<>();
        KafkaAccess.PLATFORM_PRINCIPALS.forEach(principal -> platform.put(principal, passwords.passwordOf(principal)));
        access.setUpPlatform(platform);
        login(KafkaAccess.CREDIT_PLATFORM).writeTo(clientFile(KafkaAccess.CREDIT_PLATFORM));
        List<String> banks = registeredBanks();
        banks.forEach(this::onboard);
        registeredInsurers().forEach(this::onboardInsurer);
        return banks;
    }

    /**
     * Onboards a bank: its topics, principal and ACLs on the broker (idempotent), its code in the
     * registry (so the next start re-creates it), its client file; returns the file.
     */
    public Path onboard(String bankCode) {
        requireFree(bankCode, Partner.BANK);
        access.onboardBank(bankCode, passwords.passwordOf(bankCode));
        register(Partner.BANK, bankCode);
        Path file = clientFile(bankCode);
        login(bankCode).writeTo(file);
        return file;
    }

    /** Onboards an insurer as {@link #onboard} does a bank, on its own topics; returns its client file. */
    public Path onboardInsurer(String insurerCode) {
        requireFree(insurerCode, Partner.INSURER);
        access.onboardInsurer(insurerCode, passwords.passwordOf(insurerCode));
        register(Partner.INSURER, insurerCode);
        Path file = clientFile(Partner.INSURER.clientFilePrefix + insurerCode);
        login(insurerCode).writeTo(file);
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
        return registered(Partner.BANK);
    }

    List<String> registeredInsurers() {
        return registered(Partner.INSURER);
    }

    /** A bank's code and an insurer's name the same Kafka principal: a code already taken by the other kind is refused. */
    private void requireFree(String code, Partner kind) {
        if (!BankCode.isValid(code)) {
            throw new IllegalArgumentException("not a" + (kind == Partner.BANK ? " bank" : "n insurer") + " code: " + code
                    + " (2-16 of A-Z, 0-9, '-')");
        }
        Partner other = kind == Partner.BANK ? Partner.INSURER : Partner.BANK;
        if (registered(other).contains(code)) {
            throw new IllegalArgumentException(code + " is already onboarded as " + (other == Partner.BANK ? "a bank" : "an insurer")
                    + ": bank and insurer codes are one namespace");
        }
    }

    private List<String> registered(Partner kind) {
        Path registry = dataDir.resolve(kind.registry);
        try {
            return Files.exists(registry) ? Files.readAllLines(registry, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(BankCode::isValid).distinct().toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + registry, e);
        }
    }

    private synchronized void register(Partner kind, String code) {
        TreeSet<String> codes = new TreeSet<>(registered(kind));
        if (codes.add(code)) {
            Path registry = dataDir.resolve(kind.registry);
            try {
                Files.createDirectories(dataDir);
                Files.write(registry, codes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + registry, e);
            }
        }
    }

    /** Who sends events on a topic of their own: a bank, or an insurer (科技保险). */
    private enum Partner {
        BANK("banks", ""), INSURER("insurers", "insurer-");

        final String registry;
        final String clientFilePrefix;

        Partner(String registry, String clientFilePrefix) {
            this.registry = registry;
            this.clientFilePrefix = clientFilePrefix;
        }
    }
}
