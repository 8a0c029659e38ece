package io.facteur.export.sftp.internal;

import io.facteur.api.ExportConnector.Export;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The remote file name of an export, from a template such as {@code {date}_{number}.{ext}}. Values
 * come from the invoice and are cleaned ({@code [A-Za-z0-9._-]} only, bounded); the name itself is
 * checked so that it can never leave the remote directory or hide itself.
 */
final class FileNameTemplate {
    static final String DEFAULT = "{number}.{ext}";
    static final int MAX_NAME = 200;
    private static final int MAX_VALUE = 64;

    private static final Map<String, Function<Export, String>> PLACEHOLDERS =
            Map.of(
                    "number", e -> e.invoice().number(),
                    "date", e -> String.valueOf(e.invoice().issueDate()),
                    "seller", e -> e.invoice().seller() == null ? "" : e.invoice().seller().name(),
                    "format", Export::format,
                    "ext", Export::extension,
                    "invoice", Export::invoiceId,
                    "type", e -> e.invoice().typeCode());

    /** Literal text or a placeholder name. */
    private record Part(String text, boolean placeholder) {}

    private final String pattern;
    private final List<Part> parts;

    private FileNameTemplate(String pattern, List<Part> parts) {
        this.pattern = pattern;
        this.parts = List.copyOf(parts);
    }

    /** Names of the placeholders a template may use. */
    static Set<String> placeholders() {
        return PLACEHOLDERS.keySet();
    }

    /** The template; an unknown placeholder or an unbalanced brace fails. */
    static FileNameTemplate parse(String pattern) throws SftpProblem {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '}') {
                throw bad(pattern);
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int close = pattern.indexOf('}', i);
            int nested = pattern.indexOf('{', i + 1);
            if (close < 0 || (nested >= 0 && nested < close)) {
                throw bad(pattern);
            }
            String name = pattern.substring(i + 1, close);
            if (!PLACEHOLDERS.containsKey(name)) {
                throw bad(pattern);
            }
            if (literal.length() > 0) {
                parts.add(new Part(literal.toString(), false));
                literal.setLength(0);
            }
            parts.add(new Part(name, true));
            i = close + 1;
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), false));
        }
        if (parts.isEmpty()) {
            throw bad(pattern);
        }
        return new FileNameTemplate(pattern, parts);
    }

    /** The file name of this export; fails when the result is not a safe plain file name. */
    String render(Export export) throws SftpProblem {
        StringBuilder name = new StringBuilder();
        for (Part part : parts) {
            name.append(
                    part.placeholder()
                            ? clean(PLACEHOLDERS.get(part.text()).apply(export))
                            : part.text());
        }
        return check(name.toString());
    }

    private String check(String name) throws SftpProblem {
        boolean unsafe =
                name.isEmpty()
                        || name.length() > MAX_NAME
                        || name.equals(".")
                        || name.equals("..")
                        || name.startsWith(".")
                        || name.indexOf('/') >= 0
                        || name.indexOf('\\') >= 0
                        || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        if (unsafe) {
            throw bad(pattern);
        }
        return name;
    }

    /** A placeholder's value reduced to {@code [A-Za-z0-9._-]}, at most 64 characters. */
    static String clean(String value) {
        String v = value == null ? "" : value.strip();
        v = Normalizer.normalize(v, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder(Math.min(v.length(), MAX_VALUE));
        for (int i = 0; i < v.length() && out.length() < MAX_VALUE; i++) {
            char c = v.charAt(i);
            boolean safe =
                    (c >= 'A' && c <= 'Z')
                            || (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_'
                            || (c == '.' && out.length() > 0);
            out.append(safe ? c : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    private static SftpProblem bad(String pattern) {
        return new SftpProblem(Reason.TEMPLATE, abbreviate(pattern));
    }

    private static String abbreviate(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 100 ? t.substring(0, 100) + "..." : t;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
