package io.facteur.invoicing.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dossier's invoice number pattern: literal text with the tokens {@code {yyyy}}, {@code {yy}},
 * {@code {mm}} (of the issue date) and {@code {seq}} or {@code {seq:N}} (the sequence value,
 * zero-padded to N digits), e.g. {@code F{yyyy}-{seq:5}} gives {@code F2026-00001}. French law asks
 * for one unbroken chronological series, which a pattern may restart each year when the year is in
 * the number. The characters are limited to those every platform and file name accepts.
 */
public final class Numbering {

    /** The pattern of a dossier that has not chosen one. */
    public static final String DEFAULT_PATTERN = "F{yyyy}-{seq:5}";

    /** The longest pattern accepted. */
    public static final int MAX_LENGTH = 40;

    /** The widest zero-padding of {@code {seq:N}}. */
    public static final int MAX_WIDTH = 12;

    private static final Pattern TOKEN = Pattern.compile("\\{(yyyy|yy|mm|seq(?::(\\d{1,3}))?)\\}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_./-]*");
    private static final Pattern YEAR = Pattern.compile("\\{yyyy\\}|\\{yy\\}");

    private Numbering() {}

    /**
     * The problems of a pattern, empty when it is usable; their field is {@code /pattern}.
     *
     * @param locale the language of the messages
     */
    public static List<FieldProblem> check(String pattern, Locale locale) {
        ProblemList problems = new ProblemList(LocalizedTexts.of("Issuing", locale));
        String p = pattern == null ? "" : pattern;
        if (p.isBlank()) {
            problems.add("/pattern", "pattern.required");
            return problems.list();
        }
        if (p.length() > MAX_LENGTH) {
            problems.add("/pattern", "pattern.tooLong", MAX_LENGTH);
        }
        int sequences = 0;
        Matcher tokens = TOKEN.matcher(p);
        StringBuilder literal = new StringBuilder();
        int end = 0;
        while (tokens.find()) {
            literal.append(p, end, tokens.start());
            end = tokens.end();
            if (tokens.group(1).startsWith("seq")) {
                sequences++;
                String width = tokens.group(2);
                if (width != null
                        && (Integer.parseInt(width) < 1 || Integer.parseInt(width) > MAX_WIDTH)) {
                    problems.add("/pattern", "pattern.width", MAX_WIDTH);
                }
            }
        }
        literal.append(p, end, p.length());
        if (literal.indexOf("{") >= 0 || literal.indexOf("}") >= 0) {
            problems.add("/pattern", "pattern.token");
        } else if (!LITERAL.matcher(literal).matches()) {
            problems.add("/pattern", "pattern.character");
        }
        if (sequences == 0) {
            problems.add("/pattern", "pattern.noSequence");
        } else if (sequences > 1) {
            problems.add("/pattern", "pattern.twoSequences");
        }
        return problems.list();
    }

    /** True when the pattern shows the year, so that its sequence may restart each year. */
    public static boolean hasYear(String pattern) {
        return YEAR.matcher(pattern).find();
    }

    /**
     * The number of this sequence value issued on that day.
     *
     * @param pattern a pattern {@link #check} accepts
     */
    public static String format(String pattern, long sequence, LocalDate issueDate) {
        Matcher tokens = TOKEN.matcher(pattern);
        StringBuilder number = new StringBuilder();
        while (tokens.find()) {
            String token = tokens.group(1);
            String value =
                    switch (token) {
                        case "yyyy" -> String.format(Locale.ROOT, "%04d", issueDate.getYear());
                        case "yy" -> String.format(Locale.ROOT, "%02d", issueDate.getYear() % 100);
                        case "mm" -> String.format(Locale.ROOT, "%02d", issueDate.getMonthValue());
                        default -> pad(sequence, tokens.group(2));
                    };
            tokens.appendReplacement(number, Matcher.quoteReplacement(value));
        }
        tokens.appendTail(number);
        return number.toString();
    }

    private static String pad(long sequence, String width) {
        String digits = Long.toString(sequence);
        if (width == null) {
            return digits;
        }
        int zeros = Math.max(0, Integer.parseInt(width) - digits.length());
        return "0".repeat(zeros) + digits;
    }
}
