package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleVersions;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A drafted rule version: the parameters an officer changes, by the names of {@link RuleParameters}'
 * components, a programme's own part by its components' names ({@code {"techInsurance": {"ratio":
 * "0.60"}}}); every other parameter is the current version's. Over a period the draft replaces each
 * version in force there, so the what-if answers "had these parameters applied to the period".
 * The effective dates are the versions' own (the what-if's period says where the draft applies).
 */
public final class WhatIfDraft {

    /** Draft label recorded as the rule version of the priced claims. */
    static final String DRAFT_VERSION = "what-if";
    /** Not a rule parameter but rule data too: {@code {"LYD_PREMIUM": {"2026": "90000000.00"}}}, per programme and year. */
    static final String BUDGETS = "budgets";
    private static final Set<String> NOT_DRAFTED = Set.of("version", "effectiveFrom", "effectiveTo");
    private static final RecordComponent[] COMPONENTS = RuleParameters.class.getRecordComponents();

    private final Map<String, Object> changes;

    private WhatIfDraft(Map<String, Object> changes) {
        this.changes = changes;
    }

    /** A field or value of the draft that is not a rule parameter; the message names the field. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * Reads the draft's changes from its JSON object and checks them against {@code current}, so that
     * every malformed draft is refused before a job starts.
     */
    public static WhatIfDraft parse(Map<String, Object> draft, RuleVersions current) {
        if (draft == null) {
            throw new Invalid("'draft' is missing: an object of the rule parameters to change");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : draft.entrySet()) {
            String name = field.getKey();
            if (name.equals(BUDGETS)) {
                continue;
            }
            if (NOT_DRAFTED.contains(name)) {
                throw new Invalid("'draft." + name + "' cannot be drafted: the what-if's period says where the draft applies");
            }
            RecordComponent component = Arrays.stream(COMPONENTS).filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new Invalid("'draft." + name + "' is not a rule parameter"));
            changes.put(name, value(name, component.getType(), field.getValue()));
        }
        budgets(draft);
        WhatIfDraft parsed = new WhatIfDraft(changes);
        current.versions().forEach(parsed::apply);
        return parsed;
    }

    /** The budgets the draft sets, by programme and year; the others stay as the budget table has them. */
    static Map<Program, Map<Integer, BigDecimal>> budgets(Map<String, Object> draft) {
        Map<Program, Map<Integer, BigDecimal>> budgets = new EnumMap<>(Program.class);
        Object value = draft.get(BUDGETS);
        if (value == null) {
            return budgets;
        }
        if (!(value instanceof Map<?, ?> byProgram)) {
            throw new Invalid("'draft.budgets' must be an object: programme → year → amount");
        }
        for (Map.Entry<?, ?> program : byProgram.entrySet()) {
            String field = "'draft.budgets." + program.getKey() + "' ";
            Program known = Program.ofPublicName(String.valueOf(program.getKey()))
                    .orElseThrow(() -> new Invalid(field + "is not a programme: " + Arrays.stream(Program.values())
                            .map(Program::publicName).collect(Collectors.joining(" or "))));
            if (!(program.getValue() instanceof Map<?, ?> byYear)) {
                throw new Invalid(field + "must be an object: year → amount");
            }
            for (Map.Entry<?, ?> year : byYear.entrySet()) {
                String yearField = "'draft.budgets." + program.getKey() + "." + year.getKey() + "' ";
                String key = String.valueOf(year.getKey());
                if (!key.matches("[0-9]{4}")) {
                    throw new Invalid(yearField + "is not a year (YYYY)");
                }
                BigDecimal amount;
                try {
                    amount = new BigDecimal(String.valueOf(year.getValue()));
                } catch (NumberFormatException e) {
                    throw new Invalid(yearField + "must be an amount, not '" + echo(year.getValue()) + "'");
                }
                if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2 || amount.precision() - amount.scale() > 16) {
                    throw new Invalid(yearField + "must be an amount in fen, not negative, at most 16 digits before the point");
                }
                budgets.computeIfAbsent(known, k -> new TreeMap<>()).put(Integer.parseInt(key), amount.setScale(2));
            }
        }
        return budgets;
    }

    /** The current versions with the draft applied to each. */
    public RuleVersions applyTo(RuleVersions current) {
        return new RuleVersions(current.versions().stream().map(this::apply).toList());
    }

    private RuleParameters apply(RuleParameters version) {
        RuleParameters drafted = withChanges(RuleParameters.class, version, changes);
        // the drafted version keeps its name with a suffix, so a priced claim says it was not computed with the real one
        Map<String, Object> renamed = Map.of(COMPONENTS[0].getName(), version.version() + "+" + DRAFT_VERSION);
        return withChanges(RuleParameters.class, drafted, renamed);
    }

    /** A programme's part of the rule version drafted: its components' changes, to apply to the current part. */
    private record PartChanges(Map<String, Object> changes) {
    }

    /** {@code current} with {@code changed} components (by name) replaced; a part's changes applied to the current part. */
    private static <R extends Record> R withChanges(Class<R> type, R current, Map<String, Object> changed) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                Object now = components[i].getAccessor().invoke(current);
                Object change = changed.get(components[i].getName());
                args[i] = change == null ? now : change instanceof PartChanges part ? withPart(now, part) : change;
            }
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new Invalid("'draft' is not a valid rule version: " + bad.getMessage());
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> P withPart(Object current, PartChanges part) {
        return withChanges((Class<P>) current.getClass(), (P) current, part.changes());
    }

    private static Object value(String name, Class<?> type, Object json) {
        String field = "'draft." + name + "' ";
        if (json == null) {
            throw new Invalid(field + "is null: leave it out to keep the current value");
        }
        if (type.isRecord()) {
            // a programme's own part, e.g. techInsurance: only the components named change
            if (!(json instanceof Map<?, ?> object)) {
                throw new Invalid(field + "must be an object of its parameters");
            }
            Map<String, Object> part = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                String key = String.valueOf(entry.getKey());
                RecordComponent component = Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(key)).findFirst()
                        .orElseThrow(() -> new Invalid("'draft." + name + "." + key + "' is not a rule parameter"));
                part.put(key, value(name + "." + key, component.getType(), entry.getValue()));
            }
            return new PartChanges(part);
        }
        try {
            if (type == BigDecimal.class) {
                return new BigDecimal(json.toString());
            }
            if (type == int.class) {
                if (!(json instanceof Integer i)) {
                    throw new Invalid(field + "must be a whole number, not '" + echo(json) + "'");
                }
                return i;
            }
            if (type == LocalDate.class) {
                return LocalDate.parse(json.toString());
            }
            if (type == MonthDay.class) {
                String text = json.toString();
                return MonthDay.parse(text.startsWith("--") ? text : "--" + text);
            }
            if (type == List.class || type == Set.class) {
                if (!(json instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
                    throw new Invalid(field + "must be a list of strings");
                }
                List<String> strings = list.stream().map(String.class::cast).toList();
                return type == List.class ? strings : new LinkedHashSet<>(strings);
            }
        } catch (NumberFormatException e) {
            throw new Invalid(field + "must be a decimal number, not '" + echo(json) + "'");
        } catch (DateTimeParseException e) {
            throw new Invalid(field + "must be " + (type == MonthDay.class ? "a day of the year (MM-DD)" : "a date (YYYY-MM-DD)")
                    + ", not '" + echo(json) + "'");
        }
        throw new IllegalStateException("rule parameter " + name + " of type " + type + " has no reader");
    }

    private static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() > 32 ? text.substring(0, 32) + "…" : text;
    }
}
