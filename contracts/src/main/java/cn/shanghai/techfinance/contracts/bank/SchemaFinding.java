package cn.shanghai.techfinance.contracts.bank;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One finding of the JSON Schema validator as the violation a bank sees: the field as a JSON path
 * ({@code data.firm.qualifications[1].validTo}), the rejection code of the failed keyword and a
 * message naming what the schema asks for and what the record had.
 */
final class SchemaFinding {

    private SchemaFinding() {
    }

    /** The violation of {@code error}, found in the node at {@code prefix} ("" for the record, "data" for its data). */
    static Violation violation(String prefix, Error error) {
        String keyword = error.getKeyword();
        JsonNode value = error.getInstanceNode();
        JsonNode rule = error.getSchemaNode();
        if ("required".equals(keyword)) {
            return new Violation(field(prefix, error.getInstanceLocation(), error.getProperty()), RejectionCode.MISSING_FIELD,
                    error.getProperty() + " is required");
        }
        if ("additionalProperties".equals(keyword)) {
            return new Violation(field(prefix, error.getInstanceLocation(), error.getProperty()), RejectionCode.UNKNOWN_FIELD,
                    error.getProperty() + " is not a field of contract v1");
        }
        String field = field(prefix, error.getInstanceLocation(), null);
        if ("type".equals(keyword)) {
            return new Violation(field, RejectionCode.WRONG_TYPE, "must be a JSON " + kinds(rule) + ", was " + shown(value));
        }
        NodePath schema = error.getSchemaLocation().getFragment();
        if (schema.getNameCount() >= 4 && isComponent(schema, "Uscc")) {
            return new Violation(field, RejectionCode.INVALID_USCC,
                    "not a valid 统一社会信用代码 (GB 32100-2015: 18 characters, the last a check character), was " + shown(value));
        }
        if ("specversion".equals(field)) {
            return new Violation(field, RejectionCode.UNSUPPORTED_SPECVERSION, "specversion must be " + rule.asString() + ", was "
                    + shown(value));
        }
        String of = componentName(schema);
        return switch (keyword) {
            case "enum" -> new Violation(field, RejectionCode.INVALID_ENUM, "must be one of " + strings(rule) + ", was " + shown(value));
            case "const" -> new Violation(field, RejectionCode.INVALID_FORMAT, "must be " + rule.asString() + ", was " + shown(value));
            case "minLength", "pattern" -> value.isString() && value.asString().isBlank()
                    ? new Violation(field, RejectionCode.INVALID_FORMAT, "must not be empty or blank")
                    : new Violation(field, RejectionCode.INVALID_FORMAT, "minLength".equals(keyword)
                            ? "must be at least " + rule + " characters, was " + shown(value)
                            : "must match " + (of.isEmpty() ? "the" : of + "'s") + " pattern " + rule.asString() + ", was "
                                    + shown(value));
            case "format" -> new Violation(field, RejectionCode.INVALID_FORMAT, "must be " + formatName(rule.asString()) + ", was "
                    + shown(value));
            case "maxLength" -> new Violation(field, RejectionCode.OUT_OF_RANGE, "must be at most " + rule + " characters");
            case "minimum" -> new Violation(field, RejectionCode.OUT_OF_RANGE, "must be at least " + rule + ", was " + value);
            case "maximum" -> new Violation(field, RejectionCode.OUT_OF_RANGE, "must be at most " + rule + ", was " + value);
            case "not" -> new Violation(field, RejectionCode.OUT_OF_RANGE, "is outside the range " + (of.isEmpty() ? "allowed" : of
                    + " allows") + ", was " + shown(value));
            default -> new Violation(field, RejectionCode.INVALID_FORMAT, error.getMessage());
        };
    }

    /** A JSON path from the validator's node path: {@code data.firm.qualifications[1]}; {@code $} for the record itself. */
    static String field(String prefix, NodePath at, String property) {
        StringBuilder field = new StringBuilder(prefix);
        for (int i = 0; i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(element);
            }
        }
        if (property != null) {
            field.append(field.isEmpty() ? "" : ".").append(property);
        }
        return field.isEmpty() ? "$" : field.toString();
    }

    /** "Money" for a keyword of the named schema {@code #/components/schemas/Money}, else "". */
    private static String componentName(NodePath schema) {
        return schema.getNameCount() == 4 && isComponent(schema, schema.getName(2)) ? schema.getName(2) : "";
    }

    /** Whether the schema location lies in {@code #/components/schemas/<name>}. */
    private static boolean isComponent(NodePath schema, String name) {
        return schema.getNameCount() >= 3 && "components".equals(schema.getName(0)) && "schemas".equals(schema.getName(1))
                && name.equals(schema.getName(2));
    }

    private static String formatName(String format) {
        return switch (format) {
            case "date" -> "a calendar date YYYY-MM-DD";
            case "date-time" -> "an RFC 3339 timestamp with offset";
            default -> "of the format " + format;
        };
    }

    private static String kinds(JsonNode type) {
        return type.isArray() ? String.join(" or ", strings(type)) : type.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.values().forEach(n -> out.add(n.asString()));
        return out;
    }

    private static String shown(JsonNode value) {
        return value == null ? "nothing" : value.isString() ? '"' + value.asString() + '"' : value.toString();
    }
}
