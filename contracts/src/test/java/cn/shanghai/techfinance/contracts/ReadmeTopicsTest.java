package cn.shanghai.techfinance.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's topic table, which operators provision production from, says what the code provisions. */
class ReadmeTopicsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (\\d+) \\|.*$", Pattern.MULTILINE);

    @Test
    void theReadmeListsEveryTopicWithItsPartitions() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("### Kafka topics"));
        section = section.substring(0, section.indexOf("\n### ", 1));
        List<TopicSpec> listed = new ArrayList<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            listed.add(new TopicSpec(row.group(1).replace("<code>", "ICBC-SH"), Integer.parseInt(row.group(2))));
        }
        List<TopicSpec> provisioned = new ArrayList<>(Topics.platformTopics());
        provisioned.addAll(Topics.bankTopics("ICBC-SH"));
        assertThat(listed).containsExactlyElementsOf(provisioned);
        for (TopicSpec topic : Topics.platformTopics()) {
            assertThat(section).as("the setup commands create " + topic.name())
                    .contains(topic.name() + ":" + topic.partitions());
        }
    }
}
