package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.infra.EmbeddedMariaDb;
import cn.shanghai.techfinance.infra.SharedInfrastructure;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DeliveryEntry;
import cn.shanghai.techfinance.notifier.delivery.DeliveryLedger;
import cn.shanghai.techfinance.notifier.delivery.DeliveryStatus;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.Lane;
import cn.shanghai.techfinance.notifier.delivery.NewDelivery;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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
    private static final Lane LEASE_LANE = new Lane("LEASE-SH", Channel.KAFKA);
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

        assertThat(ledger.dueLanes(T0.plusSeconds(30))).as("leased: not due to anyone else").isEmpty();
        assertThat(ledger.claim(LEASE_LANE, 10, T0.plusSeconds(30), T0.plusSeconds(90))).isEmpty();

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

        assertThat(ledger.dueLanes(T0.plus(Duration.ofDays(1)))).as("DELIVERED is final").isEmpty();
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

    @Test
    void aLaneIsClaimedFromItsHeadInLedgerOrderAndWaitsAsAWholeWhileItsHeadWaits() {
        Lane lane = new Lane("LANE-SH", Channel.KAFKA);
        Lane other = new Lane("LANE-BJ", Channel.KAFKA);
        ledger.addPending(List.of(new NewDelivery("LANE-SH", Channel.KAFKA, "event/a", bytes("{}")),
                new NewDelivery("LANE-BJ", Channel.KAFKA, "event/b", bytes("{}")),
                new NewDelivery("LANE-SH", Channel.KAFKA, "event/c", bytes("{}")),
                new NewDelivery("LANE-SH", Channel.KAFKA, "event/d", bytes("{}"))), T0);
        Instant now = T0.plusSeconds(1);
        assertThat(ledger.dueLanes(now)).as("oldest head first").containsExactly(lane, other);

        List<DueDelivery> first = ledger.claim(lane, 2, now, now.plusSeconds(60));
        assertThat(first).extracting(DueDelivery::eventId).containsExactly("event/a", "event/c");
        assertThat(ledger.dueLanes(now)).as("its head leased: the lane waits, the others do not").containsExactly(other);
        assertThat(ledger.claim(lane, 2, now, now.plusSeconds(60))).as("not the rows behind a leased head").isEmpty();

        ledger.delivered(first.subList(0, 1), 1, now);
        ledger.deferred(first.subList(1, 2), 1, 1, "EndpointUnavailable: down", now.plusSeconds(5));
        assertThat(ledger.dueLanes(now.plusSeconds(2))).as("its head due again later: the lane waits").containsExactly(other);
        assertThat(ledger.dueLanes(now.plusSeconds(5))).as("oldest head first").containsExactly(other, lane);
        assertThat(ledger.claim(lane, 10, now.plusSeconds(5), now.plusSeconds(65))).extracting(DueDelivery::eventId)
                .as("again from the head, in order").containsExactly("event/c", "event/d");
    }

    @Test
    void aLaneAnotherDispatcherIsClaimingRightNowIsLeftToIt() throws Exception {
        Lane lane = new Lane("RACE-SH", Channel.KAFKA);
        ledger.addPending(List.of(new NewDelivery("RACE-SH", Channel.KAFKA, "event/r1", bytes("{}")),
                new NewDelivery("RACE-SH", Channel.KAFKA, "event/r2", bytes("{}"))), T0);
        Instant now = T0.plusSeconds(1);
        EmbeddedMariaDb db = SharedInfrastructure.mariaDb();
        try (Connection other = DriverManager.getConnection(db.jdbcUrl("notifier_ledger_it"), db.username(), db.password())) {
            other.setAutoCommit(false);
            try (Statement claiming = other.createStatement()) {
                // the other dispatcher's claim, not yet committed, holds the lane's head
                claiming.executeQuery("SELECT id FROM delivery WHERE recipient = 'RACE-SH' ORDER BY id LIMIT 1 FOR UPDATE").close();
                assertThat(ledger.claim(lane, 10, now, now.plusSeconds(60))).as("not the rows behind its head").isEmpty();
            }
            other.rollback();
        }
        assertThat(ledger.claim(lane, 10, now, now.plusSeconds(60))).hasSize(2);
    }

    /** Leases exactly one delivery (each test's ledger holds one). */
    private static DueDelivery leased(Instant now, Duration lease) {
        List<Lane> lanes = ledger.dueLanes(now);
        assertThat(lanes).hasSize(1);
        List<DueDelivery> due = ledger.claim(lanes.get(0), 10, now, now.plus(lease));
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
