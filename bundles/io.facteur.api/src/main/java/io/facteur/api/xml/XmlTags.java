package io.facteur.api.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where each element of a well-formed XML text starts and ends, in document order: the same order
 * as the DOM's, since invoices have no DOCTYPE and so no entity can hide an element. Comments,
 * CDATA sections, processing instructions and quoted attribute values are skipped.
 */
final class XmlTags {

    /**
     * One element's place in the text.
     *
     * @param qualifiedName its name as written, with prefix
     * @param start where its start tag begins ({@code <})
     * @param contentStart just after its start tag ({@code >})
     * @param contentEnd where its end tag begins, or {@code contentStart} when it is empty ({@code
     *     <x/>})
     * @param end just after its end tag
     * @param empty whether it is written as one empty-element tag
     */
    record Tag(
            String qualifiedName,
            int start,
            int contentStart,
            int contentEnd,
            int end,
            boolean empty) {}

    private XmlTags() {}

    /** Every element of the text, in the order of their start tags. */
    static List<Tag> of(String text) {
        List<int[]> places = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Deque<Integer> open = new ArrayDeque<>();
        int i = 0;
        while ((i = text.indexOf('<', i)) >= 0) {
            if (text.startsWith("<!--", i)) {
                i = text.indexOf("-->", i) + 3;
            } else if (text.startsWith("<![CDATA[", i)) {
                i = text.indexOf("]]>", i) + 3;
            } else if (text.startsWith("<?", i)) {
                i = text.indexOf("?>", i) + 2;
            } else if (text.startsWith("</", i)) {
                int close = text.indexOf('>', i) + 1;
                int[] place = places.get(open.pop());
                place[2] = i;
                place[3] = close;
                i = close;
            } else {
                int close = startTagEnd(text, i);
                boolean empty = text.charAt(close - 2) == '/';
                int nameEnd = i + 1;
                while (nameEnd < close && !isNameEnd(text.charAt(nameEnd))) {
                    nameEnd++;
                }
                names.add(text.substring(i + 1, nameEnd));
                places.add(
                        new int[] {
                            i, close, empty ? close : -1, empty ? close : -1, empty ? 1 : 0
                        });
                if (!empty) {
                    open.push(places.size() - 1);
                }
                i = close;
            }
        }
        List<Tag> tags = new ArrayList<>(places.size());
        for (int n = 0; n < places.size(); n++) {
            int[] p = places.get(n);
            tags.add(new Tag(names.get(n), p[0], p[1], p[2], p[3], p[4] == 1));
        }
        return tags;
    }

    private static boolean isNameEnd(char c) {
        return Character.isWhitespace(c) || c == '>' || c == '/';
    }

    /** Just after the {@code >} of the start tag at {@code i}, quoted values skipped. */
    private static int startTagEnd(String text, int i) {
        char quote = 0;
        for (int j = i + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("unterminated start tag at " + i);
    }
}
