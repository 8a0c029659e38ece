package io.facteur.channel.mail.internal;

/** File names from a mail or a ZIP, reduced to something safe to show and store. */
final class FileNames {
    private static final int MAX = 200;

    private FileNames() {}

    /** The last segment of a path, without control characters, at most 200 characters. */
    static String lastSegment(String name) {
        if (name == null) {
            return "";
        }
        String n = name;
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = slash >= 0 ? n.substring(slash + 1) : n;
        StringBuilder out = new StringBuilder();
        n.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .limit(MAX)
                .forEach(out::appendCodePoint);
        String s = out.toString().strip();
        return s.equals(".") || s.equals("..") ? "" : s;
    }
}
