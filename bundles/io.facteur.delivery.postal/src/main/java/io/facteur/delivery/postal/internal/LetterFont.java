package io.facteur.delivery.postal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The address sheet's one font: Liberation Sans (SIL Open Font License 1.1, shipped inside PDFBox),
 * embedded as a subset so that every printer prints the same accents. Measures, fits and wraps
 * text; a character the font cannot show becomes its base letter, else a question mark.
 */
final class LetterFont {

    private static final String RESOURCE =
            "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    static final String ELLIPSIS = "\u2026";

    private final PDType0Font font;
    private final Map<Integer, String> shown = new HashMap<>();

    private LetterFont(PDType0Font font) {
        this.font = font;
    }

    /** The font, to be embedded into this document. */
    static LetterFont load(PDDocument document) throws IOException {
        try (InputStream in = PDDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("PDFBox's Liberation Sans is missing: " + RESOURCE);
            }
            return new LetterFont(PDType0Font.load(document, in, true));
        }
    }

    PDType0Font pdfFont() {
        return font;
    }

    /** The text with every character the font lacks replaced. */
    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.append(shown.computeIfAbsent(cp, this::glyphFor)));
        return out.toString();
    }

    /** Width in points at this size. */
    float width(String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000f * size;
    }

    /** The text, cut and ended with an ellipsis when wider than {@code max} points. */
    String fit(String text, float size, float max) throws IOException {
        if (width(text, size) <= max) {
            return text;
        }
        int[] cps = text.codePoints().toArray();
        int low = 0;
        int high = cps.length;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (width(new String(cps, 0, mid).stripTrailing() + ELLIPSIS, size) <= max) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return new String(cps, 0, low).stripTrailing() + ELLIPSIS;
    }

    /**
     * The text broken at spaces into lines at most {@code max} points wide (a word wider than a
     * line is broken inside), at most {@code maxLines}; the last line ends with an ellipsis when
     * text was left out.
     */
    List<String> wrap(String text, float size, float max, int maxLines) throws IOException {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && lines.size() < maxLines) {
            int cut = breakAt(rest, size, max);
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() && !lines.isEmpty()) {
            int last = lines.size() - 1;
            lines.set(last, fit(lines.get(last) + " " + rest, size, max));
        }
        return lines;
    }

    private int breakAt(String text, float size, float max) throws IOException {
        float width = 0;
        int fits = 0;
        for (int i = 0; i < text.length(); ) {
            int next = text.offsetByCodePoints(i, 1);
            width += width(text.substring(i, next), size);
            if (width > max) {
                break;
            }
            fits = next;
            i = next;
        }
        if (fits == 0) {
            return text.offsetByCodePoints(0, 1);
        }
        if (fits == text.length()) {
            return fits;
        }
        int space = text.lastIndexOf(' ', fits);
        return space > 0 ? space : fits;
    }

    private String glyphFor(int cp) {
        String one = new String(Character.toChars(cp));
        if (encodable(one)) {
            return one;
        }
        String base = Normalizer.normalize(one, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        if (!base.isEmpty() && !base.equals(one) && encodable(base)) {
            return base;
        }
        return Character.isSpaceChar(cp) ? " " : "?";
    }

    private boolean encodable(String text) {
        try {
            font.encode(text);
            return font.getStringWidth(text) >= 0;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
