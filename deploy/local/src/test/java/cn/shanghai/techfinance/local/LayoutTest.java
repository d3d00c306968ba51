package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run.sh's --workers and --intake: the layout they give, its limits, and ports that never clash. */
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
