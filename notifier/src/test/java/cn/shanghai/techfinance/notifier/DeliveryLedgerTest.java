package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.infra.EmbeddedMariaDb;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DeliveryEntry;
import cn.shanghai.techfinance.notifier.delivery.DeliveryLedger;
import cn.shanghai.techfinance.notifier.delivery.DeliveryStatus;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.NewDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The ledger's own guarantees, on its real tables (a schema of its own, migrated by the service's
 * Flyway scripts, out of reach of a running dispatcher): a delivery is recorded once however often
 * it is added, a lease that ran out passes the row to its next holder and the old holder can
 * neither send nor settle it, DELIVERED is final, and only a parked delivery can be redelivered.
 */
class DeliveryLedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00.123456Z");
    private static DeliveryLedger ledger;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() {
        EmbeddedMariaDb db = SharedInfrastructure.mariaDb();
        String url = db.jdbcUrl("notifier_ledger_it");
        Flyway.configure().dataSource(url, db.username(), db.password()).table("notifier_schema_history")
                .locations("classpath:db/migration/notifier").load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, db.username(), db.password()));
        ledger = new DeliveryLedger(jdbc);
    }

    @BeforeEach
    void emptyLedger() {
        jdbc.update("DELETE FROM delivery");
    }

    @Test
    void aDeliveryIsRecordedOnceHoweverOftenItIsAdded() {
        NewDelivery delivery = new NewDelivery("LEDGER-SH", Channel.WEBHOOK, "event/l-1", bytes("{}"));

        ledger.addPending(List.of(delivery, delivery), T0);
        ledger.addPending(List.of(delivery), T0.plusSeconds(5));

        assertThat(ledger.find("LEDGER-SH", Channel.WEBHOOK, "event/l-1", null, 0, 10)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo(DeliveryStatus.PENDING))
                .satisfies(e -> assertThat(e.attempts()).isZero());
    }

    @Test
    void aLeaseThatRanOutPassesTheRowOnAndTheOldHolderCanNeitherSendNorSettleIt() {
        ledger.addPending(List.of(new NewDelivery("LEASE-SH", Channel.KAFKA, "event/l-2", bytes("{}"))), T0);
        DueDelivery first = leased(T0.plusSeconds(1), Duration.ofMinutes(1));

        assertThat(ledger.lease(10, T0.plusSeconds(30), T0.plusSeconds(90))).as("leased: not due to anyone else").isEmpty();

        DueDelivery second = leased(T0.plusSeconds(61), Duration.ofMinutes(1));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(ledger.renew(first, T0.plusSeconds(62).plus(Duration.ofMinutes(1)))).as("the old holder may not send").isEmpty();
        ledger.delivered(first, 1, T0.plusSeconds(62));
        assertThat(entry(first.id()).status()).as("nor settle it").isEqualTo(DeliveryStatus.PENDING);

        DueDelivery renewed = ledger.renew(second, T0.plusSeconds(62).plus(Duration.ofMinutes(1))).orElseThrow();
        ledger.delivered(renewed, 2, T0.plusSeconds(63));
        DeliveryEntry delivered = entry(first.id());
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(delivered.deliveredAt()).isEqualTo(Instant.parse("2026-03-01T00:01:03.123Z"));

        assertThat(ledger.lease(10, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)))).as("DELIVERED is final").isEmpty();
        assertThat(ledger.redeliver(first.id(), T0.plusSeconds(70))).as("a delivered one is not redelivered").isFalse();
    }

    @Test
    void onlyAParkedDeliveryIsRedeliveredAndWithAFreshRetryBudget() {
        ledger.addPending(List.of(new NewDelivery("PARKED-SH", Channel.EMAIL, "claim/X@1", bytes("{}"))),
                T0);
        DueDelivery due = leased(T0.plus(Duration.ofDays(3)), Duration.ofMinutes(5));
        assertThat(ledger.redeliver(due.id(), T0.plus(Duration.ofDays(3)))).as("pending, not parked").isFalse();

        ledger.parked(due, 10, "EndpointUnavailable: the mail server did not take the mail");
        assertThat(entry(due.id()).status()).isEqualTo(DeliveryStatus.PARKED);
        assertThat(ledger.redeliver(due.id(), T0.plus(Duration.ofDays(4)))).isTrue();

        DueDelivery again = leased(T0.plus(Duration.ofDays(4)), Duration.ofMinutes(5));
        assertThat(again.id()).isEqualTo(due.id());
        assertThat(again.budgetSpent()).as("fresh budget").isZero();
        assertThat(entry(due.id()).attempts()).as("attempts stay counted").isEqualTo(10);
    }

    /** Leases exactly one delivery (each test's ledger holds one). */
    private static DueDelivery leased(Instant now, Duration lease) {
        List<DueDelivery> due = ledger.lease(10, now, now.plus(lease));
        assertThat(due).hasSize(1);
        return due.get(0);
    }

    private static DeliveryEntry entry(long id) {
        Optional<DeliveryEntry> entry = ledger.find(id);
        assertThat(entry).isPresent();
        return entry.get();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
