package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run.sh's --workers and --intake: the layout they give, its limits, and ports that never clash; and its --what-if options. */
class LayoutTest {

    @Test
    void theOptionsGiveTheLayoutAndDefaultToOneProcessEach() {
        assertThat(LocalRun.Options.parse(new String[] {}).layout()).isEqualTo(LocalRun.Layout.SINGLE);
        assertThat(LocalRun.Options.parse(new String[] {"--workers", "2", "--intake", "2", "--keep"}).layout())
                .isEqualTo(new LocalRun.Layout(2, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> LocalRun.Options.parse(new String[] {"--workers", "5"}))
                .withMessage("--workers takes 0 to 4, not 5");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalRun.Options.parse(new String[] {"--intake", "0"}))
                .withMessage("--intake takes 1 to 4, not 0");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalRun.Options.parse(new String[] {"--workers", "two"}))
                .withMessage("--workers takes a number, not two");
    }

    @Test
    void theWhatIfOptionsAreCheckedBeforeAnythingStarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path work) throws Exception {
        java.nio.file.Path events = java.nio.file.Files.writeString(work.resolve("events.jsonl"), "");
        java.nio.file.Path draft = java.nio.file.Files.writeString(work.resolve("draft.json"), "{\"lydRatio\": \"0.60\"}");
        java.nio.file.Path notAnObject = java.nio.file.Files.writeString(work.resolve("list.json"), "[1]");
        List<String> replay = List.of("--events", events.toString(), "--through", "2026-12-31", "--out", work.toString());
        LocalRun.Options options = LocalRun.Options.parse(with(replay, "--what-if", draft.toString(), "--from", "2026-01-01", "--to", "2026-06-30"));
        assertThat(options.whatIf().from()).hasToString("2026-01-01");
        assertThat(options.whatIf().draft().get("lydRatio").asString()).isEqualTo("0.60");
        assertThat(LocalRun.Options.parse(replay.toArray(String[]::new)).whatIf()).isNull();
        assertThatIllegalArgumentException().isThrownBy(() -> LocalRun.Options.parse(with(replay, "--what-if", draft.toString())))
                .withMessage("--what-if needs --from and --to");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalRun.Options.parse(new String[] {"--what-if", draft.toString(),
                "--from", "2026-01-01", "--to", "2026-06-30"})).withMessageStartingWith("--what-if needs --events");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalRun.Options.parse(with(replay, "--what-if", notAnObject.toString(),
                "--from", "2026-01-01", "--to", "2026-06-30"))).withMessageEndingWith("must be a JSON object of rule parameters");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalRun.Options.parse(with(replay, "--what-if", draft.toString(),
                "--from", "2026-07-01", "--to", "2026-06-30"))).withMessage("--from 2026-07-01 is after --to 2026-06-30");
    }

    private static String[] with(List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void everyProcessOfTheLargestLayoutHasPortsOfItsOwn() {
        List<Integer> ports = new LocalRun.Layout(4, 4).servicePorts();
        List<Integer> fixed = List.of(LocalRun.KAFKA_PORT, LocalRun.KAFKA_CONTROLLER_PORT, LocalRun.KAFKA_ADMIN_PORT, LocalRun.DB_PORT,
                LocalRun.NOTIFIER_PORT, LocalRun.NOTIFIER_MANAGEMENT_PORT);
        assertThat(new HashSet<>(ports)).hasSize(ports.size()).doesNotContainAnyElementsOf(fixed);
        assertThat(ports).hasSize(2 * (1 + 4 + 4))
                .contains(LocalRun.INTAKE_PORT, 18092, 18094, LocalRun.INTAKE_MANAGEMENT_PORT, 19192, 18101, 18104, 19201, 19204);
        assertThat(new LocalRun.Layout(2, 2).describe())
                .isEqualTo("2 intake-service instances (:18081, :18092), subsidy-batch as nightly manager (:18082) and 2 workers (:18101–:18102)");
    }
}
