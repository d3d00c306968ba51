package cn.shanghai.techfinance.infra;

import static org.apache.kafka.common.acl.AclOperation.IDEMPOTENT_WRITE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the cluster (KRaft {@code StandardAuthorizer}, nothing allowed without an ACL),
 * and the operations that set it up, through the Admin API as a super user:
 * {@link #setUpPlatform} once per cluster (the services' and the credit platform's principals and
 * ACLs, the platform's topics) and {@link #onboardBank} once per bank (its topics, its SCRAM
 * principal, its ACLs and the services' ACLs on its topics), {@link #onboardInsurer} likewise per insurer. Both are idempotent: run again, they
 * change nothing but a password.
 *
 * <p>The grants, least privilege each (READ and WRITE imply DESCRIBE):
 * <ul>
 *   <li>bank {@code CODE}: WRITE {@code tf.bank.CODE.events.v1}; READ {@code tf.bank.CODE.results.v1};
 *       READ on consumer groups PREFIXED {@code CODE.};</li>
 *   <li>insurer {@code CODE} (科技保险): the same on {@code tf.insurer.CODE.events.v1} and
 *       {@code tf.insurer.CODE.results.v1};</li>
 *   <li>{@code credit-platform}: WRITE {@code tf.credit.events.v1};</li>
 *   <li>{@code intake-service}: READ {@code tf.credit.events.v1} and each bank's and insurer's events topic (its
 *       pattern subscription sees only the topics it may describe), group {@code intake-service};
 *       WRITE {@code tf.intake.outcomes.v1} and {@code tf.intake.dlq.v1};</li>
 *   <li>{@code subsidy-batch}: WRITE {@code tf.subsidy.claims.v1}; WRITE and READ
 *       {@code tf.subsidy.nightly-partitions.v1} (its nightly manager writes, its workers read), group
 *       {@code subsidy-batch-nightly-workers};</li>
 *   <li>{@code notifier}: READ {@code tf.intake.outcomes.v1} and {@code tf.subsidy.claims.v1}, group
 *       {@code notifier}; WRITE each bank's and insurer's results topic; IDEMPOTENT_WRITE on the cluster, because its
 *       idempotent producer must get a producer id even before any bank is onboarded (a principal
 *       with no WRITE on any topic is refused one). A bank not onboarded has neither topic nor ACL:
 *       the notifier's write is refused (TopicAuthorizationException) and the result parked.</li>
 * </ul>
 */
public final class KafkaAccess {

    public static final String ADMIN = "admin";
    public static final String INTAKE = "intake-service";
    public static final String SUBSIDY = "subsidy-batch";
    public static final String NOTIFIER = "notifier";
    public static final String CREDIT_PLATFORM = "credit-platform";
    /** The principals of the platform; each bank's is named by its code. */
    public static final List<String> PLATFORM_PRINCIPALS = List.of(INTAKE, SUBSIDY, NOTIFIER, CREDIT_PLATFORM);

    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private final KafkaLogin superUser;

    /** @param superUser a login of a super user ({@code super.users}), the only one allowed to change users and ACLs */
    public KafkaAccess(KafkaLogin superUser) {
        this.superUser = superUser;
    }

    /** The ACLs of the platform's own principals (none that depends on a bank). */
    public static List<AclBinding> platformAcls() {
        List<AclBinding> acls = new ArrayList<>();
        acls.add(topic(CREDIT_PLATFORM, Topics.CREDIT_EVENTS, WRITE));
        acls.add(topic(INTAKE, Topics.CREDIT_EVENTS, READ));
        acls.add(group(INTAKE, "intake-service", PatternType.LITERAL));
        acls.add(topic(INTAKE, Topics.INTAKE_OUTCOMES, WRITE));
        acls.add(topic(INTAKE, Topics.INTAKE_DEAD_LETTERS, WRITE));
        acls.add(topic(SUBSIDY, Topics.SUBSIDY_CLAIMS, WRITE));
        acls.add(topic(SUBSIDY, Topics.NIGHTLY_PARTITIONS, WRITE));
        acls.add(topic(SUBSIDY, Topics.NIGHTLY_PARTITIONS, READ));
        acls.add(group(SUBSIDY, "subsidy-batch-nightly-workers", PatternType.LITERAL));
        acls.add(topic(NOTIFIER, Topics.INTAKE_OUTCOMES, READ));
        acls.add(topic(NOTIFIER, Topics.SUBSIDY_CLAIMS, READ));
        acls.add(group(NOTIFIER, "notifier", PatternType.LITERAL));
        acls.add(new AclBinding(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL), allow(NOTIFIER, IDEMPOTENT_WRITE)));
        return acls;
    }

    /** The ACLs a bank's onboarding adds: the bank's own and the services' on its two topics. */
    public static List<AclBinding> bankAcls(String bankCode) {
        if (!BankCode.isValid(bankCode)) {
            throw new IllegalArgumentException("not a bank code: " + bankCode + " (2-16 of A-Z, 0-9, '-')");
        }
        String code = bankCode;
        return List.of(
                topic(code, Topics.bankEvents(code), WRITE),
                topic(code, Topics.bankResults(code), READ),
                group(code, code + ".", PatternType.PREFIXED),
                topic(INTAKE, Topics.bankEvents(code), READ),
                topic(NOTIFIER, Topics.bankResults(code), WRITE));
    }

    /**
     * The ACLs an insurer's onboarding adds (科技保险), the same as a bank's on the insurer's own two
     * topics: its principal is named by its code, and bank and insurer codes are one namespace.
     */
    public static List<AclBinding> insurerAcls(String insurerCode) {
        if (!BankCode.isValid(insurerCode)) {
            throw new IllegalArgumentException("not an insurer code: " + insurerCode + " (2-16 of A-Z, 0-9, '-')");
        }
        String code = insurerCode;
        return List.of(
                topic(code, Topics.insurerEvents(code), WRITE),
                topic(code, Topics.insurerResults(code), READ),
                group(code, code + ".", PatternType.PREFIXED),
                topic(INTAKE, Topics.insurerEvents(code), READ),
                topic(NOTIFIER, Topics.insurerResults(code), WRITE));
    }

    /**
     * Creates the platform's topics, the platform's principals with the given passwords (by
     * principal name) and their ACLs.
     */
    public void setUpPlatform(Map<String, String> passwords) {
        TopicProvisioning.provision(adminConfig(), Topics.platformTopics());
        try (Admin admin = admin()) {
            upsertUsers(admin, passwords);
            grant(admin, platformAcls());
        }
    }

    /**
     * Onboards bank {@code bankCode}: its events and results topics (partitions as in {@link
     * Topics}), its SCRAM-SHA-512 principal {@code User:<code>} with {@code password}, its ACLs and
     * the services' ACLs on its topics. Returns once the broker enforces all of it.
     */
    public void onboardBank(String bankCode, String password) {
        List<AclBinding> acls = bankAcls(bankCode);
        TopicProvisioning.provision(adminConfig(), Topics.bankTopics(bankCode));
        try (Admin admin = admin()) {
            upsertUsers(admin, Map.of(bankCode, password));
            grant(admin, acls);
        }
    }

    /** Onboards insurer {@code insurerCode} as {@link #onboardBank} does a bank, on the insurer's topics. */
    public void onboardInsurer(String insurerCode, String password) {
        List<AclBinding> acls = insurerAcls(insurerCode);
        TopicProvisioning.provision(adminConfig(), Topics.insurerTopics(insurerCode));
        try (Admin admin = admin()) {
            upsertUsers(admin, Map.of(insurerCode, password));
            grant(admin, acls);
        }
    }

    /**
     * Creates or updates SCRAM-SHA-512 users and returns once the broker knows them all (it learns
     * them from the controller a moment after the change is committed).
     */
    public void upsertUsers(Map<String, String> passwords) {
        try (Admin admin = admin()) {
            upsertUsers(admin, passwords);
        }
    }

    private static void upsertUsers(Admin admin, Map<String, String> passwords) {
        if (passwords.isEmpty()) {
            return;
        }
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS);
        await(() -> admin.alterUserScramCredentials(passwords.entrySet().stream()
                .<org.apache.kafka.clients.admin.UserScramCredentialAlteration>map(e -> new UserScramCredentialUpsertion(e.getKey(), info, e.getValue()))
                .toList()).all().get());
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        Set<String> missing = new HashSet<>(passwords.keySet());
        while (!missing.isEmpty()) {
            for (String user : List.copyOf(missing)) {
                try {
                    admin.describeUserScramCredentials(List.of(user)).description(user).get();
                    missing.remove(user);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof ResourceNotFoundException)) {
                        throw new IllegalStateException("cannot describe the SCRAM user " + user, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            pauseOrGiveUp(deadline, "the users " + missing + " did not become visible");
        }
    }

    /** Creates ACLs (an existing one is left as it is) and returns once the broker enforces them all. */
    public void grant(Collection<AclBinding> acls) {
        try (Admin admin = admin()) {
            grant(admin, acls);
        }
    }

    private static void grant(Admin admin, Collection<AclBinding> acls) {
        await(() -> admin.createAcls(acls).all().get());
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        while (true) {
            Set<AclBinding> present = new HashSet<>(await(() -> admin.describeAcls(AclBindingFilter.ANY).values().get()));
            List<AclBinding> missing = acls.stream().filter(acl -> !present.contains(acl)).toList();
            if (missing.isEmpty()) {
                return;
            }
            pauseOrGiveUp(deadline, "ACLs not visible: " + missing.stream().map(AclBinding::toString).collect(Collectors.joining(", ")));
        }
    }

    /** The admin client configuration of the super user (topic provisioning takes it too). */
    public Map<String, Object> adminConfig() {
        return superUser.with(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    private Admin admin() {
        return Admin.create(adminConfig());
    }

    private static AclBinding topic(String principal, String topic, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), allow(principal, operation));
    }

    private static AclBinding group(String principal, String group, PatternType patternType) {
        return new AclBinding(new ResourcePattern(ResourceType.GROUP, group, patternType), allow(principal, READ));
    }

    private static AccessControlEntry allow(String principal, AclOperation operation) {
        return new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW);
    }

    private static void pauseOrGiveUp(long deadline, String problem) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(problem + " within " + VISIBLE_TIMEOUT.toSeconds() + " s");
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private interface Call<T> {
        T get() throws ExecutionException, InterruptedException;
    }

    private static <T> T await(Call<T> call) {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
