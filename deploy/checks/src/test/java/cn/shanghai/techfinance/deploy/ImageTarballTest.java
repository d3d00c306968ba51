package cn.shanghai.techfinance.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's image as the build makes it (Jib's buildTar on an empty base, the root pom's
 * pluginManagement): the entrypoint starts the JVM with deploy/jvm/production.options as an argument
 * file, and that file in the image is the repository's, byte for byte; the user is not root; the API
 * and management ports are exposed; the classes and the dependencies are in their layers.
 */
class ImageTarballTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @CsvSource({
            "intake-service, cn.shanghai.techfinance.intake.IntakeApplication, 8081, 9181",
            "subsidy-batch, cn.shanghai.techfinance.subsidy.SubsidyBatchApplication, 8082, 9182",
            "notifier, cn.shanghai.techfinance.notifier.NotifierApplication, 8083, 9183"})
    void imageRunsTheServiceAsNonRootWithTheProductionFlags(String service, String mainClass, int apiPort, int managementPort) throws IOException {
        Path tarball = Repository.file(service + "/target/jib-image.tar");
        assertThat(tarball).as("%s: build it with the services (./mvnw -pl deploy/checks -am verify): Jib writes it at package", tarball).exists();
        Map<String, byte[]> blobs = entries(Files.newInputStream(tarball), name -> true);

        JsonNode manifest = JSON.readTree(blobs.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(blobs.get(manifest.get("Config").asString())).get("config");
        assertThat(JSON.convertValue(config.get("Entrypoint"), List.class)).containsExactly(
                "java", "@/app/jvm/production.options", "-cp", "@/app/jib-classpath-file", mainClass);
        String user = config.get("User").asString();
        assertThat(user).as("the image's user").matches("[1-9][0-9]*:[1-9][0-9]*");
        assertThat(JSON.convertValue(config.get("ExposedPorts"), Map.class).keySet())
                .containsExactlyInAnyOrder(apiPort + "/tcp", managementPort + "/tcp");

        Map<String, byte[]> files = new HashMap<>();
        for (JsonNode layer : manifest.get("Layers")) {
            files.putAll(entries(new GzipCompressorInputStream(new ByteArrayInputStream(blobs.get(layer.asString()))),
                    name -> name.equals("app/jvm/production.options") || name.equals("app/jib-classpath-file")));
        }
        assertThat(new String(files.get("app/jvm/production.options"), StandardCharsets.UTF_8))
                .as("the flags in the image are deploy/jvm/production.options")
                .isEqualTo(Repository.read("deploy/jvm/production.options"));
        assertThat(files).containsKey("app/classes/" + mainClass.replace('.', '/') + ".class");
        assertThat(files.keySet()).anyMatch(name -> name.matches("app/libs/spring-boot-\\d.*\\.jar"))
                .anyMatch(name -> name.matches("app/libs/contracts-.*\\.jar"));
        assertThat(new String(files.get("app/jib-classpath-file"), StandardCharsets.UTF_8)).contains("/app/classes", "/app/libs/");
    }

    /**
     * The regular files of a tar stream by name (a leading "/" or "./" dropped): the content of those
     * {@code wanted} accepts, an empty one for the others.
     */
    private static Map<String, byte[]> entries(InputStream in, Predicate<String> wanted) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName().replaceFirst("^\\.?/", "");
                if (entry.isFile()) {
                    entries.put(name, wanted.test(name) ? tar.readAllBytes() : new byte[0]);
                }
            }
        }
        return entries;
    }
}
