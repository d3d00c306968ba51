package cn.shanghai.techfinance.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/compose: the file is valid for Debian's docker-compose 1.29 (the older schema, which
 * `docker compose` reads too), every variable it requires is one env.sh writes, and every service
 * that others wait for has a health check.
 */
class ComposeFileTest {

    private static final String COMPOSE = "deploy/compose/compose.yaml";
    /** ${NAME:?…}: a variable the file cannot do without. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");

    @Test
    void dockerComposeAcceptsTheFile() {
        assumeTrue(Repository.installed("docker-compose"), "docker-compose is not installed");
        Map<String, String> environment = new TreeMap<>();
        requiredVariables().forEach(name -> environment.put(name, "checked-" + name.toLowerCase()));
        Repository.Run run = Repository.run(Repository.file("deploy/compose"), environment, null,
                "docker-compose", "-f", "compose.yaml", "config", "-q");
        assertThat(run.exitCode()).as("docker-compose config -q: %s", run.output()).isZero();
    }

    @Test
    void envShWritesEveryRequiredVariable() {
        String envSh = Repository.read("deploy/compose/env.sh");
        Set<String> written = new TreeSet<>();
        Matcher assignment = Pattern.compile("echo \"([A-Z0-9_]+)=").matcher(envSh);
        while (assignment.find()) {
            written.add(assignment.group(1));
        }
        Matcher passwords = Pattern.compile("for name in ([A-Z0-9_ \\\\\\n]+); do").matcher(envSh);
        assertThat(passwords.find()).as("env.sh's loop over the passwords").isTrue();
        for (String name : passwords.group(1).replace("\\", " ").trim().split("\\s+")) {
            written.add(name + "_PASSWORD");
        }
        assertThat(written).containsAll(requiredVariables());
    }

    @Test
    void everyServiceWaitedForIsHealthChecked() {
        JsonNode services = new YAMLMapper().readTree(Repository.read(COMPOSE)).get("services");
        for (var service : services.properties()) {
            JsonNode dependsOn = service.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            for (var dependency : dependsOn.properties()) {
                String condition = dependency.getValue().get("condition").asString();
                JsonNode target = services.get(dependency.getKey());
                assertThat(target).as("%s depends on %s", service.getKey(), dependency.getKey()).isNotNull();
                if (condition.equals("service_healthy")) {
                    assertThat(target.has("healthcheck")).as("%s waits for %s to be healthy", service.getKey(), dependency.getKey()).isTrue();
                }
                assertThat(dependency.getValue().has("required")).as("the older schema has no depends_on.required").isFalse();
            }
            JsonNode healthcheck = service.getValue().get("healthcheck");
            if (healthcheck != null) {
                assertThat(healthcheck.has("start_interval")).as("the older schema has no healthcheck.start_interval").isFalse();
            }
        }
    }

    private static Set<String> requiredVariables() {
        Set<String> names = new TreeSet<>();
        Matcher required = REQUIRED.matcher(Repository.read(COMPOSE));
        while (required.find()) {
            names.add(required.group(1));
        }
        return names;
    }
}
