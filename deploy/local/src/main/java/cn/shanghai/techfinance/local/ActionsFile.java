package cn.shanghai.techfinance.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An actions file (run.sh {@code --actions}), read and checked before anything starts: one action a
 * line (blank lines skipped, numbers counted as the file has them), its dates never going back and
 * none after {@code --through} — else the run would have to undo nights, and refuses. A line that
 * cannot be read does not stop the run: it is an action that makes no call ({@link Action#unreadable}).
 * A line without a readable {@code "on"} takes no part in the order: it is played at its place in
 * the file, running no night and leaving the business clock where it is.
 */
final class ActionsFile {

    private ActionsFile() {
    }

    /** @throws IllegalArgumentException naming the line whose date goes back or passes {@code through}, or when the file cannot be read */
    static List<Action> read(Path file, LocalDate through) {
        try {
            return check(Files.readAllLines(file, StandardCharsets.UTF_8), through);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the actions file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Action> check(List<String> lines, LocalDate through) {
        List<Action> actions = new ArrayList<>();
        Action lastDated = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Action action = Action.parse(i + 1, lines.get(i));
            if (action.on() != null) {
                if (lastDated != null && action.on().isBefore(lastDated.on())) {
                    throw new IllegalArgumentException("actions line " + action.line() + ": \"on\" " + action.on() + " is before line "
                            + lastDated.line() + "'s " + lastDated.on());
                }
                if (action.on().isAfter(through)) {
                    throw new IllegalArgumentException("actions line " + action.line() + ": \"on\" " + action.on() + " is after --through "
                            + through);
                }
                lastDated = action;
            }
            actions.add(action);
        }
        return actions;
    }
}
