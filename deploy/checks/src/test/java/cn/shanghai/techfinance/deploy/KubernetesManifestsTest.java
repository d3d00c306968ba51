package cn.shanghai.techfinance.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shanghai.techfinance.infra.KafkaAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/k8s: each overlay builds with Kustomize (kubectl's), and what it renders validates against
 * the Kubernetes and Strimzi schemas (validate-k8s.mjs, npm kubernetes-models and its Strimzi models,
 * installed here from npm's registry before the first check); then, without any tool, what the platform relies on: no Secret in Git, each
 * workload's probes, resources and non-root user, autoscaling and disruption budgets, the nightly
 * roles, and the Strimzi users' grants equal to the ones the code makes (embedded-infra's KafkaAccess).
 * A missing tool skips its check and says so.
 */
class KubernetesManifestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path CHECKS = Repository.file("deploy/checks");

    /**
     * The schema models, from package-lock.json: installed here rather than by .ci/run, so that the
     * download goes on beside the local run's tests, not before the whole build.
     */
    @BeforeAll
    static void schemaModelsInstalled() {
        if (!Files.isDirectory(CHECKS.resolve("node_modules/kubernetes-models")) && Repository.installed("npm")) {
            Repository.Run install = Repository.run(CHECKS, Map.of(), null, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--silent");
            if (install.exitCode() != 0) {
                System.out.println("[deploy-checks] npm ci failed (" + install.exitCode() + "):\n" + install.output());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayBuildsAndEveryResourceValidates(String overlay) {
        List<JsonNode> resources = render(overlay);
        if (Files.isDirectory(CHECKS.resolve("node_modules/kubernetes-models")) && Repository.installed("node")) {
            ArrayNode array = JSON.createArrayNode();
            resources.forEach(array::add);
            Repository.Run run = Repository.run(CHECKS, Map.of(), JSON.writeValueAsString(array), "node", "validate-k8s.mjs");
            assertThat(run.exitCode()).as("schema validation of overlay %s:%n%s", overlay, run.output()).isZero();
        } else {
            System.out.println("[deploy-checks] SKIPPED: schema validation of overlay " + overlay
                    + " (needs node, and npm to install the schema models)");
        }

        assertThat(resources).noneMatch(r -> r.get("kind").asString().equals("Secret"));
        List<JsonNode> workloads = ofKind(resources, "Deployment");
        assertThat(workloads).extracting(r -> name(r)).containsExactlyInAnyOrder(
                "intake-service", "subsidy-batch", "subsidy-batch-worker", "notifier");
        for (JsonNode deployment : workloads) {
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as("%s runs as non-root", name(deployment)).isTrue();
            JsonNode container = pod.at("/containers/0");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(container.has(probe)).as("%s has a %s", name(deployment), probe).isTrue();
            }
            assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/livez");
            assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/readyz");
            for (String quantity : List.of("/resources/requests/cpu", "/resources/requests/memory", "/resources/limits/memory")) {
                assertThat(container.at(quantity).isMissingNode()).as("%s sets %s", name(deployment), quantity).isFalse();
            }
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        }
        assertThat(env(one(workloads, "subsidy-batch"), "SUBSIDY_NIGHTLY_ROLE")).isEqualTo("manager");
        assertThat(one(workloads, "subsidy-batch").at("/spec/strategy/type").asString()).as("never two managers").isEqualTo("Recreate");
        assertThat(one(workloads, "subsidy-batch").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(env(one(workloads, "subsidy-batch-worker"), "SUBSIDY_NIGHTLY_ROLE")).isEqualTo("worker");
        assertThat(ofKind(resources, "HorizontalPodAutoscaler")).extracting(r -> r.at("/spec/scaleTargetRef/name").asString())
                .containsExactlyInAnyOrder("intake-service", "notifier");
        assertThat(ofKind(resources, "HorizontalPodAutoscaler")).allMatch(r -> r.at("/spec/maxReplicas").asInt() <= 4);
        assertThat(ofKind(resources, "PodDisruptionBudget")).extracting(r -> name(r))
                .containsExactlyInAnyOrder("intake-service", "notifier", "subsidy-batch-worker");
        assertThat(ofKind(resources, "NetworkPolicy")).anyMatch(r -> r.at("/spec/podSelector").isEmpty()
                && r.at("/spec/policyTypes").size() == 2 && !r.at("/spec").has("ingress") && !r.at("/spec").has("egress"));
        strimziResourcesAreWellFormed(resources);
        kafkaGrantsAreTheCodes(resources);
    }

    @org.junit.jupiter.api.Test
    void eachBanksAndInsurersFolderIsTheTemplateRendered() throws IOException {
        templateRendered("banks", "bank.yaml");
        templateRendered("insurers", "insurer.yaml");
    }

    private static void templateRendered(String kind, String resourcesFile) throws IOException {
        Path folder = Repository.file("deploy/k8s/" + kind);
        try (Stream<Path> dirs = Files.list(folder)) {
            List<Path> rendered = dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("template")).toList();
            assertThat(rendered).as(kind).isNotEmpty();
            for (Path dir : rendered) {
                String name = dir.getFileName().toString();
                String code = name.toUpperCase(Locale.ROOT);
                for (String file : List.of(resourcesFile, "kustomization.yaml")) {
                    String expected = Files.readString(folder.resolve("template").resolve(file)).replace("@CODE@", code).replace("@NAME@", name);
                    assertThat(Files.readString(dir.resolve(file))).as("%s/%s/%s: re-render it with add.sh %s", kind, name, file, code)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** Strimzi's schemas are checked by validate-k8s.mjs where node is; these are the fields the operators need in any case. */
    private static void strimziResourcesAreWellFormed(List<JsonNode> resources) {
        for (JsonNode r : resources) {
            if (!r.get("apiVersion").asString().startsWith("kafka.strimzi.io/")) {
                continue;
            }
            assertThat(r.get("apiVersion").asString()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(r.at("/metadata/labels/strimzi.io~1cluster").asString()).as("%s names its cluster", name(r)).isEqualTo("techfinance-kafka");
            assertThat(name(r)).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            switch (r.get("kind").asString()) {
                case "KafkaTopic" -> {
                    assertThat(r.at("/spec/topicName").asString()).matches("tf\\.[A-Za-z0-9.-]+\\.v1");
                    assertThat(r.at("/spec/partitions").isInt()).isTrue();
                    assertThat(r.at("/spec/replicas").isInt()).isTrue();
                }
                case "KafkaUser" -> {
                    assertThat(r.at("/spec/authentication/type").asString()).isEqualTo("scram-sha-512");
                    assertThat(r.at("/spec/authorization/type").asString()).isEqualTo("simple");
                    for (JsonNode acl : r.at("/spec/authorization/acls")) {
                        assertThat(acl.at("/resource/type").asString()).isIn("topic", "group", "cluster");
                        assertThat(acl.get("operations").isArray() && !acl.get("operations").isEmpty()).isTrue();
                    }
                }
                default -> throw new AssertionError("a Strimzi kind these manifests do not use: " + r.get("kind"));
            }
        }
        assertThat(ofKind(resources, "KafkaTopic")).extracting(r -> r.at("/spec/topicName").asString())
                .containsAll(cn.shanghai.techfinance.contracts.Topics.platformTopics().stream()
                        .map(cn.shanghai.techfinance.contracts.TopicSpec::name).toList());
    }

    /**
     * The grants of every KafkaUser, as principal, resource, pattern and operation, equal the code's:
     * the platform's and, for each bank and insurer onboarded in the overlay, its own (Strimzi names a
     * bank's or insurer's principal after its resource, in lower case).
     */
    private static void kafkaGrantsAreTheCodes(List<JsonNode> resources) {
        Set<String> declared = new TreeSet<>();
        Set<String> banks = new TreeSet<>();
        Set<String> insurers = new TreeSet<>();
        for (JsonNode user : ofKind(resources, "KafkaUser")) {
            JsonNode bank = user.at("/metadata/labels/techfinance.sh.gov.cn~1bank");
            JsonNode insurer = user.at("/metadata/labels/techfinance.sh.gov.cn~1insurer");
            if (!bank.isMissingNode()) {
                banks.add(bank.asString());
            }
            if (!insurer.isMissingNode()) {
                insurers.add(insurer.asString());
            }
            String principal = !bank.isMissingNode() ? bank.asString() : !insurer.isMissingNode() ? insurer.asString() : name(user);
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                String type = acl.at("/resource/type").asString().toUpperCase(Locale.ROOT);
                String resource = type.equals("CLUSTER") ? "kafka-cluster" : acl.at("/resource/name").asString();
                String pattern = acl.at("/resource/patternType").asString("literal").equals("prefix") ? "PREFIXED" : "LITERAL";
                for (JsonNode operation : acl.get("operations")) {
                    declared.add(grant(principal, type, resource, pattern,
                            operation.asString().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)));
                }
            }
        }
        assertThat(banks).as("the overlay onboards banks").isNotEmpty();
        List<AclBinding> expected = new ArrayList<>(KafkaAccess.platformAcls());
        banks.forEach(code -> expected.addAll(KafkaAccess.bankAcls(code)));
        insurers.forEach(code -> expected.addAll(KafkaAccess.insurerAcls(code)));
        Set<String> code = expected.stream().map(b -> grant(b.entry().principal().replaceFirst("^User:", ""),
                b.pattern().resourceType().name(), b.pattern().name(), b.pattern().patternType().name(),
                b.entry().operation().name())).collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).isEqualTo(code);
    }

    private static String grant(String principal, String type, String resource, String pattern, String operation) {
        return principal + " " + operation + " " + type + ":" + pattern + ":" + resource;
    }

    private static List<JsonNode> render(String overlay) {
        Path dir = Repository.file("deploy/k8s/overlays/" + overlay);
        assumeTrue(Repository.installed("kubectl"), "kubectl is not installed");
        Repository.Run run = Repository.run(dir, Map.of(), null, "kubectl", "kustomize", ".");
        assertThat(run.exitCode()).as("kubectl kustomize %s: %s", overlay, run.output()).isZero();
        List<JsonNode> resources = new ArrayList<>();
        try (var documents = YAML.readValues(YAML.createParser(run.output()), JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    resources.add(document);
                }
            }
        }
        return resources;
    }

    private static List<JsonNode> ofKind(List<JsonNode> resources, String kind) {
        return resources.stream().filter(r -> r.get("kind").asString().equals(kind)).toList();
    }

    private static JsonNode one(List<JsonNode> resources, String name) {
        return resources.stream().filter(r -> name(r).equals(name)).findFirst().orElseThrow();
    }

    private static String name(JsonNode resource) {
        return resource.at("/metadata/name").asString();
    }

    private static String env(JsonNode deployment, String variable) {
        for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
            if (env.get("name").asString().equals(variable)) {
                return env.get("value").asString();
            }
        }
        return null;
    }
}
