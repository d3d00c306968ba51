package cn.shanghai.techfinance.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema-change rule for rolling deployments (deploy/README.md, "Schema changes"): while a
 * service is rolled out, its old version runs on the new schema for a while, so a migration after
 * the first only adds (tables, nullable or defaulted columns, indexes, reference rows) and never
 * drops, renames, retypes or tightens what the old version reads or writes, nor deletes or rewrites
 * its rows. A removal comes in a later release, once no running version uses the thing removed.
 *
 * <p>This test finds the statements that break the rule in every service's migrations. The ones
 * made before the first production release are listed in {@link #BEFORE_FIRST_RELEASE} with why
 * they are safe there; any other fails, and so does an entry that no longer matches.
 */
class MigrationRuleTest {

    private static final List<String> MIGRATION_FOLDERS = List.of(
            "intake-service/src/main/resources/db/migration/intake",
            "subsidy-batch/src/main/resources/db/migration/subsidy",
            "notifier/src/main/resources/db/migration/notifier",
            "outbox/src/main/resources/db/migration/outbox");

    /** Migration (folder/file) → the kinds of breaking statement in it that are accepted, and why. */
    private static final Map<String, String> BEFORE_FIRST_RELEASE = Map.of(
            "intake/V2__dead_letter_topic_width.sql: MODIFY COLUMN",
            "widens kafka_topic to Kafka's 249 characters, same type and nullability: the old version reads and writes it unchanged",
            "notifier/V2__dead_letters.sql: RENAME TABLE",
            "unreadable_record → dead_letter before any deployment; today it would be a new table, both written for a release",
            "notifier/V2__dead_letters.sql: MODIFY COLUMN",
            "widens kafka_topic to 249 characters, as intake's V2",
            "intake/V7__event_ids_compared_exactly.sql: MODIFY COLUMN",
            "event_id's collation made binary, same type, length and nullability: the old version, which already compared ids "
                    + "exactly, reads and writes it unchanged (on a large ledger the ALTER copies the table: a quiet hour)",
            "notifier/V3__sealed_webhook_secrets.sql: DELETE",
            "plain webhook secrets removed before any deployment had stored one (banks register again)",
            "notifier/V3__sealed_webhook_secrets.sql: DROP COLUMN",
            "secret → sealed_secret before any deployment; today: add sealed_secret, write both for a release, then drop",
            "notifier/V3__sealed_webhook_secrets.sql: ADD COLUMN NOT NULL WITHOUT DEFAULT",
            "sealed_secret on a table emptied by the same migration, before any deployment",
            "subsidy/V6__ledger_feed_watermark.sql: DROP TABLE",
            "ledger_watermark re-created with a new meaning (the change feed's sequence) before any deployment");

    private static final Pattern VERSION_ONE = Pattern.compile("V1__.*\\.sql");
    private static final Pattern NOT_NULL_WITHOUT_DEFAULT = Pattern.compile("^ADD (COLUMN )?(?!INDEX|KEY|UNIQUE|CONSTRAINT|PRIMARY|FOREIGN|CHECK).*\\bNOT NULL\\b(?!.*\\bDEFAULT\\b).*");

    @Test
    void migrationsAfterTheFirstOnlyExpandTheSchema() throws IOException {
        Map<String, String> found = new TreeMap<>();
        for (String folder : MIGRATION_FOLDERS) {
            Path dir = Repository.file(folder);
            assertThat(dir).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                    if (VERSION_ONE.matcher(file.getFileName().toString()).matches()) {
                        continue;
                    }
                    String migration = dir.getFileName() + "/" + file.getFileName();
                    for (String statement : statements(Files.readString(file))) {
                        for (String kind : breakingKinds(statement)) {
                            found.putIfAbsent(migration + ": " + kind, statement);
                        }
                    }
                }
            }
        }
        List<String> breaking = found.keySet().stream().filter(k -> !BEFORE_FIRST_RELEASE.containsKey(k))
                .map(k -> k + " in «" + found.get(k) + "»").toList();
        assertThat(breaking).as("statements a rolling deployment does not survive (deploy/README.md, \"Schema changes\")").isEmpty();
        assertThat(new TreeSet<>(BEFORE_FIRST_RELEASE.keySet())).as("accepted exceptions that still match a migration")
                .isEqualTo(new TreeSet<>(found.keySet()));
    }

    @Test
    void theRuleRecognisesEachBreakingStatement() {
        assertThat(breakingKinds("ALTER TABLE claim ADD COLUMN payee VARCHAR(10) NULL, ADD KEY ix (payee)")).isEmpty();
        assertThat(breakingKinds("ALTER TABLE claim ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1")).isEmpty();
        assertThat(breakingKinds("CREATE TABLE t (id BIGINT NOT NULL, PRIMARY KEY (id))")).isEmpty();
        assertThat(breakingKinds("ALTER TABLE delivery DROP INDEX ix_due, ADD INDEX ix_lane (status)")).isEmpty();
        assertThat(breakingKinds("ALTER TABLE t ADD COLUMN s VARCHAR(9) NOT NULL")).containsExactly("ADD COLUMN NOT NULL WITHOUT DEFAULT");
        assertThat(breakingKinds("ALTER TABLE t DROP COLUMN s")).containsExactly("DROP COLUMN");
        assertThat(breakingKinds("ALTER TABLE t RENAME COLUMN a TO b")).containsExactly("RENAME COLUMN");
        assertThat(breakingKinds("ALTER TABLE t CHANGE a b INT")).containsExactly("CHANGE COLUMN");
        assertThat(breakingKinds("ALTER TABLE t MODIFY a BIGINT")).containsExactly("MODIFY COLUMN");
        assertThat(breakingKinds("ALTER TABLE t ADD UNIQUE KEY uq (a)")).containsExactly("NEW CONSTRAINT");
        assertThat(breakingKinds("RENAME TABLE a TO b")).containsExactly("RENAME TABLE");
        assertThat(breakingKinds("DROP TABLE a")).containsExactly("DROP TABLE");
        assertThat(breakingKinds("UPDATE claim SET status = 'X'")).containsExactly("UPDATE");
        assertThat(breakingKinds("TRUNCATE TABLE claim")).containsExactly("TRUNCATE");
    }

    /** The statements of a migration, comments dropped, whitespace folded, upper case. */
    static List<String> statements(String sql) {
        String code = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)--.*$", " ");
        List<String> statements = new ArrayList<>();
        for (String statement : code.split(";")) {
            String folded = statement.replaceAll("\\s+", " ").trim();
            if (!folded.isEmpty()) {
                statements.add(folded);
            }
        }
        return statements;
    }

    /** The kinds of breaking change in one statement (none for an expanding one). */
    static List<String> breakingKinds(String statement) {
        String s = statement.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        List<String> kinds = new ArrayList<>();
        if (s.startsWith("DROP TABLE")) {
            kinds.add("DROP TABLE");
        } else if (s.startsWith("RENAME TABLE")) {
            kinds.add("RENAME TABLE");
        } else if (s.startsWith("DELETE") || s.startsWith("UPDATE") || s.startsWith("TRUNCATE")) {
            kinds.add(s.split(" ")[0]);
        } else if (s.startsWith("ALTER TABLE")) {
            Matcher table = Pattern.compile("^ALTER TABLE \\S+ (.*)$").matcher(s);
            if (table.matches()) {
                for (String clause : topLevelClauses(table.group(1))) {
                    String kind = alterKind(clause);
                    if (kind != null && !kinds.contains(kind)) {
                        kinds.add(kind);
                    }
                }
            }
        }
        return kinds;
    }

    private static String alterKind(String clause) {
        if (clause.matches("^DROP (INDEX|KEY) .*")) {
            return null;
        }
        if (clause.startsWith("DROP")) {
            return "DROP COLUMN";
        }
        if (clause.startsWith("RENAME COLUMN") || clause.matches("^RENAME (TO|AS) .*")) {
            return "RENAME COLUMN";
        }
        if (clause.startsWith("CHANGE")) {
            return "CHANGE COLUMN";
        }
        if (clause.startsWith("MODIFY")) {
            return "MODIFY COLUMN";
        }
        if (clause.matches("^ADD (UNIQUE|CONSTRAINT|PRIMARY|FOREIGN|CHECK)\\b.*")) {
            return "NEW CONSTRAINT";
        }
        if (NOT_NULL_WITHOUT_DEFAULT.matcher(clause).matches()) {
            return "ADD COLUMN NOT NULL WITHOUT DEFAULT";
        }
        return null;
    }

    /** An ALTER TABLE's clauses: split at the commas outside parentheses. */
    private static List<String> topLevelClauses(String clauses) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : clauses.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(part.toString().trim());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().trim());
        return parts;
    }
}
