package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.infra.LocalTokens;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of an actions file (run.sh {@code --actions}): on a business date, someone ({@code as})
 * does something ({@code do}) through the API. A line that cannot be read is still an action, with
 * its {@link #unreadable} reason: it makes no call, and gets its row in actions.csv.
 *
 * <p>What is checked here is what the replay needs to make the call: the fields are there and of
 * their kind, the claim it names can be looked up. The values the API judges (a period, a payee's
 * account, a calendar's days) go to the API as they are, and its answer is the row.
 *
 * @param line       the line's number in the file (1 for the first)
 * @param on         the business date it happens on; null when the line has no readable {@code "on"}
 * @param as         who acts; null on an unreadable line
 * @param name       the {@code "do"} as written, "" when it is not a string
 * @param command    what it does; null on an unreadable line
 * @param unreadable why the line cannot be played; null when it can
 */
record Action(int line, LocalDate on, Actor as, String name, Command command, String unreadable) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> NAMES = List.of("publish", "confirm", "prepareSettlement", "approveSettlement", "reconcile",
            "recordRecovery", "loadCalendar");

    boolean readable() {
        return unreadable == null;
    }

    /** What an action does: one call of the API (after a look-up, for some). */
    sealed interface Command {
    }

    /** {@code POST /api/v1/publications}. */
    record Publish(String program, String from, String to) implements Command {
    }

    /** {@code POST /api/v1/firms/{uscc}/claims/{claimId}/confirmation}, the claim's own firm in the path. */
    record Confirm(ClaimRef claim, String payeeName, String payeeAccount, String payeeBank) implements Command {
    }

    /** {@code POST /api/v1/settlements}. */
    record PrepareSettlement(String program, String from, String to) implements Command {
    }

    /** {@code POST /api/v1/settlements/{id}/approval} of the last settlement this replay prepared. */
    record ApproveSettlement() implements Command {
    }

    /**
     * {@code POST /api/v1/settlements/{id}/reconciliation} of the last settlement this replay
     * prepared: the status of each listed payee's instructions (FAILED, or PAID), every other PAID.
     */
    record Reconcile(Map<String, String> statusByPayee) implements Command {
    }

    /** {@code POST /api/v1/claims/{claimId}/recovery}; reference may be null. */
    record RecordRecovery(ClaimRef claim, String reference) implements Command {
    }

    /** {@code PUT /api/v1/calendar/{year}}. */
    record LoadCalendar(int year, List<String> holidays, List<String> workdays) implements Command {
    }

    /**
     * A claim as the file names it, by the bank's documents: an LYD claim by its approval, an HKZD
     * claim by its contract and instalment; a 科技保险 claim by its insurer's policy (bankCode the
     * insurer's code, approvalNo the policyNo, as the claims export writes them).
     */
    record ClaimRef(String program, String bankCode, String approvalNo, String contractNo, Integer installmentNo) {

        /** Whether a claim of the bank's claims API ({@code program, approvalNo, contractNo, installmentNo}) is this one. */
        boolean matches(JsonNode claim) {
            if (!program.equals(text(claim, "program"))) {
                return false;
            }
            if (!program.equals("HKZD_INTEREST")) {
                return approvalNo.equals(text(claim, "approvalNo"));
            }
            JsonNode installment = claim.get("installmentNo");
            return contractNo.equals(text(claim, "contractNo")) && installment != null && installment.isIntegralNumber()
                    && installment.intValue() == installmentNo;
        }

        @Override
        public String toString() {
            return switch (program) {
                case "LYD_PREMIUM" -> program + " " + bankCode + " approval " + approvalNo;
                case "HKZD_INTEREST" -> program + " " + bankCode + " contract " + contractNo + " instalment " + installmentNo;
                default -> program + " " + bankCode + " policy " + approvalNo;
            };
        }
    }

    /**
     * Who acts: the token's roles and user; {@code uscc} a FIRM's other firm (null: the claim's own).
     */
    record Actor(List<String> roles, String user, String uscc) {

        /**
         * The token's identity for an action on a claim of {@code claimUscc} at {@code claimBank}
         * (both null when the action names no claim): a FIRM is the claim's firm unless {@link #uscc}
         * names another, a BANK the claim's bank.
         */
        Identity identity(String claimUscc, String claimBank) {
            return new Identity(roles, roles.contains("BANK") ? claimBank : null,
                    roles.contains("FIRM") ? (uscc != null ? uscc : claimUscc) : null, user);
        }

        /** Whether this FIRM is not the firm of a claim of {@code claimUscc}: its call must be refused (403). */
        boolean otherFirmThan(String claimUscc) {
            return roles.contains("FIRM") && uscc != null && !uscc.equals(claimUscc);
        }
    }

    /** What a token carries; bankCode and uscc may be null. */
    record Identity(List<String> roles, String bankCode, String uscc, String user) {

        String token(LocalTokens tokens) {
            return tokens.mint(roles, bankCode, uscc, user, LocalTokens.VALIDITY);
        }
    }

    /** Reads line {@code number} of an actions file; never throws: what cannot be read is said in {@link #unreadable}. */
    static Action parse(int number, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return new Action(number, null, null, "", null, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Action(number, null, null, "", null, "not a JSON object");
        }
        String name = text(root, "do") != null ? text(root, "do") : "";
        LocalDate on = null;
        try {
            on = date(root, "on");
            Actor as = actor(root.get("as"));
            Command command = command(root, name, as);
            return new Action(number, on, as, name, command, null);
        } catch (Unreadable e) {
            return new Action(number, on, null, name, null, e.getMessage());
        }
    }

    private static Command command(JsonNode root, String name, Actor as) {
        if (root.get("do") == null) {
            throw new Unreadable("\"do\" is missing");
        }
        return switch (name) {
            case "publish" -> new Publish(string(root, "program"), string(root, "from"), string(root, "to"));
            case "confirm" -> {
                ClaimRef claim = claim(root);
                JsonNode payee = object(root, "payee");
                yield new Confirm(claim, string(payee, "name", "payee.name"), string(payee, "account", "payee.account"),
                        string(payee, "bank", "payee.bank"));
            }
            case "prepareSettlement" -> new PrepareSettlement(string(root, "program"), string(root, "from"), string(root, "to"));
            case "approveSettlement" -> new ApproveSettlement();
            case "reconcile" -> new Reconcile(results(root.get("results")));
            case "recordRecovery" -> new RecordRecovery(claim(root), optionalString(root, "reference"));
            case "loadCalendar" -> new LoadCalendar(integer(root, "year", "year"), strings(root, "holidays"), strings(root, "workdays"));
            default -> throw new Unreadable("unknown \"do\" " + echo(root.get("do")) + ": one of " + String.join(", ", NAMES));
        };
    }

    private static Actor actor(JsonNode as) {
        if (as == null || as.isNull()) {
            throw new Unreadable("\"as\" is missing");
        }
        if (!as.isObject()) {
            throw new Unreadable("\"as\" must be an object: {\"role\":…, \"user\":…}");
        }
        JsonNode role = as.get("role");
        if (role == null || role.isNull()) {
            throw new Unreadable("\"as.role\" is missing");
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode one : role.isArray() ? role.values() : List.of(role)) {
            String name = one.isString() ? one.stringValue().toUpperCase(Locale.ROOT) : null;
            if (!TokenCommand.ROLES.contains(name)) {
                throw new Unreadable("\"as.role\" must be one of " + String.join(", ", TokenCommand.ROLES) + " or a list of them, not " + echo(one));
            }
            if (!roles.contains(name)) {
                roles.add(name);
            }
        }
        if (roles.isEmpty()) {
            throw new Unreadable("\"as.role\" is an empty list");
        }
        String user = optionalString(as, "user", "as.user");
        if (user != null && user.isBlank()) {
            throw new Unreadable("\"as.user\" is blank");
        }
        String uscc = optionalString(as, "uscc", "as.uscc");
        if (uscc != null && !roles.contains("FIRM")) {
            throw new Unreadable("\"as.uscc\" is only for a FIRM");
        }
        if (uscc != null && !Uscc.isValid(uscc)) {
            throw new Unreadable("\"as.uscc\" is not a valid USCC (统一社会信用代码): " + echo(as.get("uscc")));
        }
        return new Actor(List.copyOf(roles), user != null ? user : LocalTokens.userOf(roles), uscc);
    }

    private static ClaimRef claim(JsonNode root) {
        JsonNode claim = object(root, "claim");
        String program = string(claim, "program", "claim.program");
        String bank = string(claim, "bank_code", "claim.bank_code");
        if (!BankCode.isValid(bank)) {
            throw new Unreadable("\"claim.bank_code\" is not a bank code: " + echo(claim.get("bank_code")));
        }
        return switch (program) {
            case "LYD_PREMIUM", "TECH_INSURANCE_PREMIUM" ->
                    new ClaimRef(program, bank, string(claim, "approval_no", "claim.approval_no"), null, null);
            case "HKZD_INTEREST" -> new ClaimRef(program, bank, null, string(claim, "contract_no", "claim.contract_no"),
                    integer(claim, "installment_no", "claim.installment_no"));
            default -> throw new Unreadable("\"claim.program\" must be LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM, not "
                    + echo(claim.get("program")));
        };
    }

    /** The listed payees' statuses, in the file's order; no list: every instruction paid. */
    private static Map<String, String> results(JsonNode results) {
        Map<String, String> statusByPayee = new LinkedHashMap<>();
        if (results == null || results.isNull()) {
            return statusByPayee;
        }
        if (!results.isArray()) {
            throw new Unreadable("\"results\" must be a list of {\"payee_uscc\":…, \"status\":\"FAILED\"}");
        }
        int i = 0;
        for (JsonNode result : results.values()) {
            String where = "results[" + i++ + "]";
            if (!result.isObject()) {
                throw new Unreadable("\"" + where + "\" must be an object {\"payee_uscc\":…, \"status\":\"FAILED\"}");
            }
            String payee = string(result, "payee_uscc", where + ".payee_uscc");
            String status = string(result, "status", where + ".status");
            if (!status.equals("FAILED") && !status.equals("PAID")) {
                throw new Unreadable("\"" + where + ".status\" must be FAILED or PAID, not " + echo(result.get("status")));
            }
            if (statusByPayee.putIfAbsent(payee, status) != null) {
                throw new Unreadable("\"" + where + ".payee_uscc\" " + payee + " is listed twice");
            }
        }
        return statusByPayee;
    }

    private static LocalDate date(JsonNode node, String field) {
        String value = string(node, field, field);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Unreadable("\"" + field + "\" must be a date (YYYY-MM-DD), not " + echo(node.get(field)));
        }
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Unreadable("\"" + field + "\" is missing");
        }
        if (!value.isObject()) {
            throw new Unreadable("\"" + field + "\" must be an object");
        }
        return value;
    }

    private static String string(JsonNode node, String field) {
        return string(node, field, field);
    }

    private static String string(JsonNode node, String field, String path) {
        String value = optionalString(node, field, path);
        if (value == null) {
            throw new Unreadable("\"" + path + "\" is missing");
        }
        return value;
    }

    private static String optionalString(JsonNode node, String field) {
        return optionalString(node, field, field);
    }

    private static String optionalString(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new Unreadable("\"" + path + "\" must be a string, not " + echo(value));
        }
        return value.stringValue();
    }

    private static int integer(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Unreadable("\"" + path + "\" is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new Unreadable("\"" + path + "\" must be a whole number, not " + echo(value));
        }
        return value.intValue();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new Unreadable("\"" + field + "\" is missing");
        }
        if (!value.isArray()) {
            throw new Unreadable("\"" + field + "\" must be a list of dates (YYYY-MM-DD)");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode one : value.values()) {
            if (!one.isString()) {
                throw new Unreadable("\"" + field + "[" + strings.size() + "]\" must be a string, not " + echo(one));
            }
            strings.add(one.stringValue());
        }
        return List.copyOf(strings);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** A value as the file has it, cut short: a reason quotes what it refuses, never a whole line. */
    private static String echo(JsonNode value) {
        String written = Objects.toString(value);
        return written.length() > 40 ? written.substring(0, 40) + "…" : written;
    }

    /** Why a line cannot be played. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
