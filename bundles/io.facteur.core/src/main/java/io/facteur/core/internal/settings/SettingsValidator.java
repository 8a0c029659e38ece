package io.facteur.core.internal.settings;

import io.facteur.core.internal.registry.SettingsSchema;
import io.facteur.core.internal.registry.SettingsSchema.Attribute;
import io.facteur.core.internal.registry.SettingsSchema.Option;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Checks submitted settings against a capability's schema and converts them to the types the
 * Metatype declares, so that what reaches ConfigAdmin is exactly what the component expects.
 */
public final class SettingsValidator {
    private final SettingsSchema schema;
    private final BiFunction<String, String, String> rangeCheck;

    /**
     * @param schema the schema
     * @param rangeCheck the Metatype's own validation (attribute id, value) returning an error
     *     message, or empty/null when valid; it checks min and max
     */
    public SettingsValidator(SettingsSchema schema, BiFunction<String, String, String> rangeCheck) {
        this.schema = schema;
        this.rangeCheck = rangeCheck;
    }

    /** The result: converted values, or the violations. */
    public record Result(Map<String, Object> values, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * Validates one complete set of settings.
     *
     * @param submitted the values as parsed from JSON (strings, numbers, booleans, lists)
     * @param existingSecrets ids of secret attributes that already have a stored value: a secret
     *     left out keeps it
     * @param fixed attributes the platform sets itself (the dossier id), never taken from a caller
     */
    public Result validate(
            Map<String, Object> submitted,
            Collection<String> existingSecrets,
            Map<String, Object> fixed) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : submitted.keySet()) {
            if (schema.attribute(key) == null) {
                violations.add(new Violation(key, "unknown setting"));
            } else if (fixed.containsKey(key)
                    && submitted.get(key) != null
                    && !fixed.get(key).toString().equals(submitted.get(key).toString())) {
                violations.add(
                        new Violation(key, "set by the platform, must be " + fixed.get(key)));
            }
        }
        for (Attribute a : schema.attributes()) {
            if (fixed.containsKey(a.id())) {
                values.put(a.id(), fixed.get(a.id()));
                continue;
            }
            Object raw = submitted.get(a.id());
            if (raw == null || (raw instanceof String s && s.isEmpty() && a.secret())) {
                if (a.secret() && existingSecrets.contains(a.id())) {
                    continue; // keep the stored secret
                }
                if (a.required() && a.defaults().isEmpty()) {
                    violations.add(new Violation(a.id(), "required"));
                } else if (!a.defaults().isEmpty() && !a.secret()) {
                    // stored explicitly, so the file, the console and a GET show what applies
                    Object fallback = a.multiple() ? a.defaults() : a.defaults().get(0);
                    convert(a, fallback, violations).ifPresent(v -> values.put(a.id(), v));
                }
                continue;
            }
            convert(a, raw, violations).ifPresent(v -> values.put(a.id(), v));
        }
        return new Result(values, violations);
    }

    private java.util.Optional<Object> convert(Attribute a, Object raw, List<Violation> out) {
        if (a.multiple()) {
            if (!(raw instanceof List<?> list)) {
                out.add(new Violation(a.id(), "a list of " + a.type() + " values is expected"));
                return java.util.Optional.empty();
            }
            List<Object> converted = new ArrayList<>();
            int before = out.size();
            for (Object item : list) {
                Object v = single(a, item, out);
                if (v != null) {
                    converted.add(v);
                }
            }
            return out.size() == before
                    ? java.util.Optional.of(toArray(a, converted))
                    : java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(single(a, raw, out));
    }

    private Object single(Attribute a, Object raw, List<Violation> out) {
        if (raw instanceof List<?> || raw instanceof Map<?, ?>) {
            out.add(new Violation(a.id(), "a single " + a.type() + " value is expected"));
            return null;
        }
        Object value = typed(a.type(), raw);
        if (value == null) {
            out.add(new Violation(a.id(), "not a valid " + a.type() + ": " + abbreviate(raw)));
            return null;
        }
        String text = String.valueOf(value);
        if (!a.options().isEmpty()
                && a.options().stream().map(Option::value).noneMatch(text::equals)) {
            out.add(
                    new Violation(
                            a.id(),
                            "must be one of " + a.options().stream().map(Option::value).toList()));
            return null;
        }
        String problem = rangeCheck.apply(a.id(), text);
        if (problem != null && !problem.isEmpty()) {
            out.add(new Violation(a.id(), problem));
            return null;
        }
        return value;
    }

    /** Converts a JSON value to the Metatype type, or null when it does not fit. */
    static Object typed(String type, Object raw) {
        try {
            return switch (type) {
                case "STRING", "PASSWORD" -> raw instanceof String s ? s : null;
                case "BOOLEAN" ->
                        raw instanceof Boolean b
                                ? b
                                : raw instanceof String s && (s.equals("true") || s.equals("false"))
                                        ? Boolean.valueOf(s)
                                        : null;
                case "INTEGER" -> integral(raw).intValueExact();
                case "LONG" -> integral(raw).longValueExact();
                case "SHORT" -> integral(raw).shortValueExact();
                case "BYTE" -> integral(raw).byteValueExact();
                case "DOUBLE" -> decimal(raw).doubleValue();
                case "FLOAT" -> decimal(raw).floatValue();
                case "CHARACTER" -> raw instanceof String s && s.length() == 1 ? s.charAt(0) : null;
                default -> null;
            };
        } catch (ArithmeticException | NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static BigDecimal decimal(Object raw) {
        if (raw instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return raw instanceof String s ? new BigDecimal(s.strip()) : null;
    }

    private static BigDecimal integral(Object raw) {
        BigDecimal d = decimal(raw);
        if (d == null) {
            return null;
        }
        return d.stripTrailingZeros().scale() > 0 ? null : d;
    }

    private static Object toArray(Attribute a, List<Object> values) {
        return switch (a.type()) {
            case "INTEGER" -> values.toArray(new Integer[0]);
            case "LONG" -> values.toArray(new Long[0]);
            case "BOOLEAN" -> values.toArray(new Boolean[0]);
            case "DOUBLE" -> values.toArray(new Double[0]);
            case "FLOAT" -> values.toArray(new Float[0]);
            default -> values.stream().map(String::valueOf).toArray(String[]::new);
        };
    }

    private static String abbreviate(Object raw) {
        String s = String.valueOf(raw);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
