package io.facteur.delivery.postal.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Draws the first page of a postal letter on A4: letterhead, the return line and the recipient's
 * address inside the envelope's window (at most six lines, cut to its width), the reference block
 * beside the window, subject, cover text and the print job's reference at the foot.
 */
final class AddressSheet {

    /** Most lines of a recipient's address (DIN 5008; AFNOR XP Z10-011 in France). */
    static final int MAX_ADDRESS_LINES = 6;

    /** Most lines a recipient's name may take when the address leaves room. */
    static final int MAX_NAME_LINES = 2;

    static final float ADDRESS_SIZE = 10;
    static final float ADDRESS_LEADING = 12;
    static final float RETURN_SIZE = 7;
    private static final float TEXT_SIZE = 10.5f;
    private static final float TEXT_LEADING = 14;
    private static final float SMALL_SIZE = 9;
    private static final float SMALL_LEADING = 12;
    private static final double LEFT_MM = 25;
    private static final double RIGHT_MM = 190;
    private static final float GREY = 0.35f;

    private final AddressWindow window;
    private final float height = PDRectangle.A4.getHeight();

    AddressSheet(AddressWindow window) {
        this.window = window;
    }

    /** Points from millimetres. */
    static float pt(double mm) {
        return (float) (mm * 72 / 25.4);
    }

    /** Adds the sheet as the document's next page. */
    void draw(PDDocument document, LetterFont font, CoverLetter letter) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream out = new PDPageContentStream(document, page)) {
            Pen pen = new Pen(out, font);
            float bottom = letterhead(pen, letter);
            addressField(pen, letter);
            float references = references(pen, letter);
            float windowBottom = pt(window.topMm() + window.heightMm());
            body(pen, letter, Math.max(Math.max(bottom, references), windowBottom) + pt(12));
            footer(pen, letter);
        }
    }

    /** The recipient's lines as printed: at most six, each within the window's width. */
    List<String> addressLines(LetterFont font, Addressee addressee) throws IOException {
        float width = pt(window.textWidthMm());
        List<String> rest = addressee.addressLines();
        int nameLines = Math.max(1, Math.min(MAX_NAME_LINES, MAX_ADDRESS_LINES - rest.size()));
        List<String> lines =
                new ArrayList<>(
                        font.wrap(
                                font.printable(addressee.name()), ADDRESS_SIZE, width, nameLines));
        for (String line : rest) {
            lines.add(font.fit(font.printable(line), ADDRESS_SIZE, width));
        }
        return lines.size() > MAX_ADDRESS_LINES ? lines.subList(0, MAX_ADDRESS_LINES) : lines;
    }

    private float letterhead(Pen pen, CoverLetter letter) throws IOException {
        float top = pt(Math.max(8, Math.min(15, window.topMm() - 16)));
        float width = pt(RIGHT_MM - LEFT_MM);
        float y = top + 13;
        pen.bold(pt(LEFT_MM), y, 14, pen.fit(letter.senderName(), 14, width));
        if (!letter.senderAddress().isEmpty()) {
            y += 12;
            pen.grey(
                    pt(LEFT_MM), y, SMALL_SIZE, pen.fit(letter.senderAddress(), SMALL_SIZE, width));
        }
        y += 5;
        pen.rule(pt(LEFT_MM), pt(RIGHT_MM), y);
        return y;
    }

    private void addressField(Pen pen, CoverLetter letter) throws IOException {
        float x = pt(window.leftMm() + AddressWindow.TEXT_INSET_MM);
        float width = pt(window.textWidthMm());
        float top = pt(window.addressTopMm());
        if (!letter.returnLine().isEmpty()) {
            pen.text(x, top - 2.5f, RETURN_SIZE, pen.fit(letter.returnLine(), RETURN_SIZE, width));
        }
        float y = top + ADDRESS_SIZE * 0.95f;
        for (String line : addressLines(pen.font, letter.addressee())) {
            pen.text(x, y, ADDRESS_SIZE, line);
            y += ADDRESS_LEADING;
        }
    }

    private float references(Pen pen, CoverLetter letter) throws IOException {
        double leftMm = window.onTheLeft() ? 125 : LEFT_MM;
        double rightMm = window.onTheLeft() ? RIGHT_MM : window.leftMm() - 5;
        float x = pt(leftMm);
        float labels = 0;
        for (String[] row : letter.references()) {
            labels = Math.max(labels, pen.width(row[0], SMALL_SIZE));
        }
        labels = Math.min(labels, pt(rightMm - leftMm) / 2) + pt(3);
        float y = pt(window.addressTopMm()) + SMALL_SIZE;
        for (String[] row : letter.references()) {
            pen.grey(x, y, SMALL_SIZE, pen.fit(row[0], SMALL_SIZE, labels - pt(3)));
            pen.text(
                    x + labels,
                    y,
                    SMALL_SIZE,
                    pen.fit(row[1], SMALL_SIZE, pt(rightMm) - x - labels));
            y += SMALL_LEADING;
        }
        return y;
    }

    private void body(Pen pen, CoverLetter letter, float top) throws IOException {
        float x = pt(LEFT_MM);
        float width = pt(RIGHT_MM - LEFT_MM);
        float y = top + 12;
        for (String line : pen.wrap(letter.subject(), 12, width, 2)) {
            pen.bold(x, y, 12, line);
            y += 15;
        }
        y += TEXT_LEADING;
        List<String> paragraphs = letter.paragraphs();
        for (int i = 0; i < paragraphs.size(); i++) {
            for (String line : pen.wrap(paragraphs.get(i), TEXT_SIZE, width, 6)) {
                pen.text(x, y, TEXT_SIZE, line);
                y += TEXT_LEADING;
            }
            boolean signature = i == paragraphs.size() - 1;
            y +=
                    i == paragraphs.size() - 2
                            ? TEXT_LEADING * 2
                            : signature ? 0 : TEXT_LEADING * 0.6f;
        }
    }

    private void footer(Pen pen, CoverLetter letter) throws IOException {
        float width = pt(RIGHT_MM - LEFT_MM);
        float y = height - pt(12);
        pen.rule(pt(LEFT_MM), pt(RIGHT_MM), y - 12 - (letter.legalLine().isEmpty() ? 0 : 10));
        if (!letter.legalLine().isEmpty()) {
            pen.grey(pt(LEFT_MM), y - 10, 7.5f, pen.fit(letter.legalLine(), 7.5f, width));
        }
        pen.grey(pt(LEFT_MM), y, 7.5f, pen.fit(letter.footer(), 7.5f, width));
    }

    /** Writes text with y measured from the top of the page. */
    private final class Pen {
        private final PDPageContentStream out;
        private final LetterFont font;

        Pen(PDPageContentStream out, LetterFont font) {
            this.out = out;
            this.font = font;
        }

        float width(String text, float size) throws IOException {
            return font.width(font.printable(text), size);
        }

        String fit(String text, float size, float max) throws IOException {
            return font.fit(font.printable(text), size, max);
        }

        List<String> wrap(String text, float size, float max, int lines) throws IOException {
            return font.wrap(font.printable(text), size, max, lines);
        }

        void text(float x, float y, float size, String text) throws IOException {
            show(x, y, size, text, 0f, false);
        }

        void grey(float x, float y, float size, String text) throws IOException {
            show(x, y, size, text, GREY, false);
        }

        void bold(float x, float y, float size, String text) throws IOException {
            show(x, y, size, text, 0f, true);
        }

        void rule(float from, float to, float y) throws IOException {
            out.setStrokingColor(0.6f);
            out.setLineWidth(0.5f);
            out.moveTo(from, height - y);
            out.lineTo(to, height - y);
            out.stroke();
        }

        private void show(float x, float y, float size, String text, float grey, boolean bold)
                throws IOException {
            if (text.isEmpty()) {
                return;
            }
            out.beginText();
            out.setFont(font.pdfFont(), size);
            out.setNonStrokingColor(grey);
            if (bold) {
                // Liberation Sans Bold is not shipped with PDFBox: a thin outline makes it bold
                out.setStrokingColor(grey);
                out.setLineWidth(size * 0.035f);
                out.setRenderingMode(RenderingMode.FILL_STROKE);
            } else {
                out.setRenderingMode(RenderingMode.FILL);
            }
            out.newLineAtOffset(x, height - y);
            out.showText(font.printable(text));
            out.endText();
        }
    }
}
