package io.facteur.invoicing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The invoice's two embedded faces and what text they can show: measuring, wrapping and shortening
 * to a width, and replacing what the font has no glyph for, so that no user text (emoji, CJK) can
 * make a page fail or overflow its box.
 */
final class LayoutFonts {
    private static final String ELLIPSIS = "\u2026";

    final PDFont regular;
    final PDFont bold;
    private final Map<PDFont, Map<Integer, Float>> widths = new HashMap<>();

    LayoutFonts(PDDocument document) {
        this.regular = load(document, "SourceSansPro-Regular.ttf");
        this.bold = load(document, "SourceSansPro-Bold.ttf");
    }

    private static PDFont load(PDDocument document, String file) {
        try (InputStream in = LayoutFonts.class.getResourceAsStream("fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the bundle: " + file);
            }
            TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(in));
            document.registerTrueTypeFontForClosing(font);
            // PDFBox would otherwise apply the font's ligatures (ft, fi...), whose glyphs map back
            // to no Unicode text: the PDF/A text layer would lose letters.
            font.setEnableGsub(false);
            return PDType0Font.load(document, font, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load font " + file, e);
        }
    }

    /** The text with every character the font cannot show replaced, controls made spaces. */
    String printable(PDFont font, String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(
                        cp -> {
                            if (cp == 0x202F || cp == 0x00A0) {
                                out.append(substitute(font, cp));
                            } else if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                                out.append(' ');
                            } else if (glyph(font, cp) >= 0) {
                                out.appendCodePoint(cp);
                            } else {
                                out.append('?');
                            }
                        });
        return out.toString();
    }

    private String substitute(PDFont font, int space) {
        if (glyph(font, space) >= 0) {
            return Character.toString(space);
        }
        return glyph(font, 0x00A0) >= 0 ? "\u00A0" : " ";
    }

    /** The advance width of one code point in font units, or -1 when the font has no glyph. */
    private float glyph(PDFont font, int cp) {
        return widths.computeIfAbsent(font, f -> new HashMap<>())
                .computeIfAbsent(
                        cp,
                        c -> {
                            try {
                                return font.getStringWidth(Character.toString(c));
                            } catch (IOException | IllegalArgumentException e) {
                                return -1f;
                            }
                        });
    }

    /** The width in points of printable text at that size. */
    float width(PDFont font, float size, String printable) {
        float units = 0;
        for (int i = 0; i < printable.length(); ) {
            int cp = printable.codePointAt(i);
            units += Math.max(0, glyph(font, cp));
            i += Character.charCount(cp);
        }
        return units * size / 1000f;
    }

    /** The text cut to the width with an ellipsis, or whole when it fits. */
    String shorten(PDFont font, float size, String text, float width) {
        return shortenPrintable(font, size, printable(font, text), width);
    }

    private String shortenPrintable(PDFont font, float size, String printable, float width) {
        if (width(font, size, printable) <= width) {
            return printable;
        }
        float room = width - width(font, size, ELLIPSIS);
        int end = fitting(font, size, printable, room);
        if (end == 0 || room <= 0) {
            return "";
        }
        return printable.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    /**
     * The text broken into lines no wider than the width, at spaces where it can and inside words
     * that are wider than a line; line breaks of the text are kept.
     */
    List<String> wrap(PDFont font, float size, String text, float width) {
        List<String> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        for (String paragraph : text.split("\\R", -1)) {
            wrapParagraph(font, size, printable(font, paragraph).strip(), width, lines);
        }
        while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Wrapped to at most that many lines, the last one ending with an ellipsis when cut. */
    List<String> wrap(PDFont font, float size, String text, float width, int maxLines) {
        List<String> lines = wrap(font, size, text, width);
        if (lines.size() <= maxLines) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
        String last = kept.get(maxLines - 1);
        kept.set(maxLines - 1, shortenPrintable(font, size, last + ELLIPSIS, width));
        return kept;
    }

    private void wrapParagraph(
            PDFont font, float size, String paragraph, float width, List<String> lines) {
        if (width(font, size, paragraph) <= width) {
            lines.add(paragraph);
            return;
        }
        StringBuilder line = new StringBuilder();
        float lineWidth = 0;
        float space = width(font, size, " ");
        for (String word : paragraph.split(" +")) {
            float wordWidth = width(font, size, word);
            if (line.length() > 0 && lineWidth + space + wordWidth <= width) {
                line.append(' ').append(word);
                lineWidth += space + wordWidth;
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (wordWidth > width) {
                int cut = breakable(word, fitting(font, size, word, width));
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
                wordWidth = width(font, size, word);
            }
            line.append(word);
            lineWidth = wordWidth;
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
    }

    /** Where to cut a word too long for a line: after a hyphen or slash when one is near. */
    private static int breakable(String word, int fitting) {
        int cut = Math.max(fitting, Character.charCount(word.codePointAt(0)));
        for (int i = cut; i > cut / 2; i--) {
            char c = word.charAt(i - 1);
            if (c == '-' || c == '/' || c == '_' || c == '.') {
                return i;
            }
        }
        return cut;
    }

    private int fitting(PDFont font, float size, String word, float width) {
        float used = 0;
        int i = 0;
        while (i < word.length()) {
            int cp = word.codePointAt(i);
            float w = Math.max(0, glyph(font, cp)) * size / 1000f;
            if (used + w > width) {
                break;
            }
            used += w;
            i += Character.charCount(cp);
        }
        return i;
    }
}
