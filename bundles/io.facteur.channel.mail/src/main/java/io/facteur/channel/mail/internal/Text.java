package io.facteur.channel.mail.internal;

/** Bounds header texts before they reach a column or a log line. */
final class Text {
    private Text() {}

    /** The text without control characters, cut to {@code max} characters with an ellipsis. */
    static String bound(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max));
        s.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c).forEach(out::appendCodePoint);
        String t = out.toString().strip();
        if (t.length() <= max) {
            return t;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(t.charAt(cut - 1))) {
            cut--;
        }
        return t.substring(0, cut) + "\u2026";
    }
}
