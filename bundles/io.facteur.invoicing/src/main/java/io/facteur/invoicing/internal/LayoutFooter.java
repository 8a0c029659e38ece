package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.LayoutStyle.BOTTOM;
import static io.facteur.invoicing.internal.LayoutStyle.LEFT;
import static io.facteur.invoicing.internal.LayoutStyle.MUTED;
import static io.facteur.invoicing.internal.LayoutStyle.RIGHT;
import static io.facteur.invoicing.internal.LayoutStyle.RULE;
import static io.facteur.invoicing.internal.LayoutStyle.WIDTH;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The foot of every page: the seller's legal mentions and late-payment terms, which French law
 * wants on the invoice, and "page N / M", written once the number of pages is known.
 */
final class LayoutFooter {
    private static final float SIZE = 6.5f;
    private static final float LEADING = 8.2f;
    private static final int MAX_LINES = 7;

    private final IssuedInvoice invoice;
    private final LayoutFonts fonts;
    private final LayoutFormat format;
    private final List<String> legal = new ArrayList<>();

    LayoutFooter(IssuedInvoice invoice, LayoutFonts fonts, LayoutFormat format) {
        this.invoice = invoice;
        this.fonts = fonts;
        this.format = format;
        SellerProfile seller = invoice.seller();
        for (String text : List.of(seller.legalMentions(), seller.latePaymentText())) {
            if (!text.isBlank() && legal.size() < MAX_LINES) {
                legal.addAll(
                        fonts.wrap(fonts.regular, SIZE, text, WIDTH, MAX_LINES - legal.size()));
            }
        }
    }

    /** Where the page's content must stop: above the footer. */
    float contentBottom() {
        return BOTTOM + 10 + legal.size() * LEADING + 12;
    }

    void draw(PDDocument document) {
        int count = document.getNumberOfPages();
        String left =
                invoice.seller().legalName()
                        + " \u00B7 "
                        + LayoutHeader.title(invoice, format)
                        + " "
                        + invoice.number();
        for (int i = 0; i < count; i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream content =
                    new PDPageContentStream(
                            document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                float y = BOTTOM + 10 + legal.size() * LEADING;
                line(content, y + 4);
                for (String text : legal) {
                    float w = fonts.width(fonts.regular, SIZE, text);
                    show(content, fonts.regular, LEFT + (WIDTH - w) / 2, y - SIZE, text);
                    y -= LEADING;
                }
                String pageText = fonts.printable(fonts.bold, format.label("page", i + 1, count));
                float pw = fonts.width(fonts.bold, 7, pageText);
                show7(content, fonts.bold, RIGHT - pw, BOTTOM, pageText);
                show7(
                        content,
                        fonts.regular,
                        LEFT,
                        BOTTOM,
                        fonts.shorten(fonts.regular, 7, left, WIDTH - pw - 20));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void line(PDPageContentStream content, float y) throws IOException {
        content.setStrokingColor(RULE);
        content.setLineWidth(0.5f);
        content.moveTo(LEFT, y);
        content.lineTo(RIGHT, y);
        content.stroke();
    }

    private void show(PDPageContentStream content, PDFont font, float x, float y, String text)
            throws IOException {
        write(content, font, SIZE, MUTED, x, y, text);
    }

    private void show7(PDPageContentStream content, PDFont font, float x, float y, String text)
            throws IOException {
        write(content, font, 7, MUTED, x, y, text);
    }

    private static void write(
            PDPageContentStream content,
            PDFont font,
            float size,
            Color color,
            float x,
            float y,
            String text)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }
}
