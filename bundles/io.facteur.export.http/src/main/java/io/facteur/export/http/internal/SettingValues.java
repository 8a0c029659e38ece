package io.facteur.export.http.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the untyped values of a connector's settings leniently (a String {@code "30"} for an int, a
 * single String for a list) and refuses, with the setting's name, what cannot be read.
 */
final class SettingValues {
    /** The longest value of a plain setting. */
    static final int MAX_LENGTH = 4096;

    private final Map<String, Object> values;

    SettingValues(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    /** The text of a setting, stripped; empty when unset. */
    String text(String key) throws Refusal {
        return text(key, MAX_LENGTH);
    }

    /** The text of a setting, stripped; empty when unset, refused when longer than max. */
    String text(String key, int max) throws Refusal {
        Object v = values.get(key);
        if (v != null && v.getClass().isArray()) {
            v = Array.getLength(v) == 0 ? null : Array.get(v, 0);
        } else if (v instanceof Collection<?> c) {
            v = c.isEmpty() ? null : c.iterator().next();
        }
        String s = v == null ? "" : v.toString().strip();
        if (s.length() > max) {
            throw Refusal.permanent("settings.tooLong", key, max);
        }
        return s;
    }

    /** The text of a setting as typed, not stripped (a password); empty when unset. */
    String raw(String key) throws Refusal {
        Object v = values.get(key);
        if (v != null && v.getClass().isArray()) {
            v = Array.getLength(v) == 0 ? null : Array.get(v, 0);
        }
        String s = v == null ? "" : v.toString();
        if (s.length() > MAX_LENGTH) {
            throw Refusal.permanent("settings.tooLong", key, MAX_LENGTH);
        }
        return s;
    }

    /** An int setting within bounds, its default when unset. */
    int integer(String key, int fallback, int min, int max) throws Refusal {
        Object v = values.get(key);
        long n;
        if (v == null || (v instanceof String s && s.isBlank())) {
            return fallback;
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            n = ((Number) v).longValue();
        } else {
            try {
                n = Long.parseLong(text(key, 20));
            } catch (NumberFormatException e) {
                throw Refusal.permanent("settings.number", key, shown(v.toString()), min, max);
            }
        }
        if (n < min || n > max) {
            throw Refusal.permanent("settings.number", key, String.valueOf(n), min, max);
        }
        return (int) n;
    }

    /** A boolean setting, its default when unset. */
    boolean flag(String key, boolean fallback) throws Refusal {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = text(key, 20).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "" -> fallback;
            case "true" -> true;
            case "false" -> false;
            default -> throw Refusal.permanent("settings.boolean", key, shown(s));
        };
    }

    /** The entries of a multiple setting, stripped, blank ones dropped. */
    List<String> list(String key, int maxEntries) throws Refusal {
        Object v = values.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(v); i++) {
                add(out, key, Array.get(v, i));
            }
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                add(out, key, o);
            }
        } else {
            for (String line : v.toString().split("[,\\n]")) {
                add(out, key, line);
            }
        }
        if (out.size() > maxEntries) {
            throw Refusal.permanent("settings.tooMany", key, maxEntries);
        }
        return out;
    }

    private static void add(List<String> out, String key, Object o) throws Refusal {
        String s = o == null ? "" : o.toString().strip();
        if (s.length() > MAX_LENGTH) {
            throw Refusal.permanent("settings.tooLong", key, MAX_LENGTH);
        }
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** A value as shown in a message: printable, at most 100 characters. */
    static String shown(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints()
                .limit(100)
                .forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return s.codePointCount(0, s.length()) > 100 ? b + "…" : b.toString();
    }
}
