package io.facteur.delivery.postal.internal;

import java.text.Normalizer;

/**
 * Makes outside text safe to print on one line: line breaks and other white space become one space,
 * control, format (bidi overrides, zero-width) and private-use characters go, and the length is
 * bounded before anything else is done with it.
 */
final class AddressText {

    /** Longest text kept from one field, in characters, before it is fitted to the window. */
    static final int MAX_CHARS = 200;

    private AddressText() {}

    /** The text on one line, at most {@link #MAX_CHARS} characters; empty for null. */
    static String clean(String raw) {
        return clean(raw, MAX_CHARS);
    }

    static String clean(String raw, int maxChars) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String bounded = raw.length() > 4 * maxChars ? raw.substring(0, 4 * maxChars) : raw;
        String text = Normalizer.normalize(bounded, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        boolean space = false;
        int kept = 0;
        for (int i = 0; i < text.length() && kept < maxChars; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (dropped(cp)) {
                continue;
            }
            if (space) {
                out.append(' ');
                kept++;
                space = false;
            }
            out.appendCodePoint(cp);
            kept++;
        }
        return out.toString().strip();
    }

    private static boolean dropped(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR ->
                    true;
            default -> false;
        };
    }
}
