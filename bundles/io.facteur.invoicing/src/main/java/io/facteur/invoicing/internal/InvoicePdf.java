package io.facteur.invoicing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The human-readable pages of an issued invoice or credit note, in the invoice's language, laid out
 * with PDFBox and ready for Mustang to make PDF/A-3 (Factur-X) of: embedded fonts only, opaque
 * DeviceRGB, an sRGB output intent. It never fails on what the user typed: text the font cannot
 * show becomes '?', text too long for its box is wrapped or shortened, a bad logo is left out.
 */
public final class InvoicePdf {

    /** The PDF of that invoice. */
    public byte[] render(IssuedInvoice invoice) {
        LayoutFormat format = new LayoutFormat(invoice.language(), invoice.draft().currency());
        try (PDDocument document = new PDDocument()) {
            LayoutFonts fonts = new LayoutFonts(document);
            LayoutFooter footer = new LayoutFooter(invoice, fonts, format);
            LayoutLines lines = new LayoutLines(invoice, fonts, format);
            try (LayoutCanvas canvas =
                    new LayoutCanvas(
                            document, fonts, footer.contentBottom() + 3 * LayoutStyle.MM)) {
                canvas.onNewPage(lines::runningHeader);
                new LayoutHeader(invoice, fonts, format).draw(document, canvas);
                lines.draw(canvas);
                new LayoutSummary(invoice, fonts, format, lines.vatRight()).draw(canvas);
            }
            footer.draw(document);
            LayoutPdfA.prepare(document, invoice, format);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out invoice " + invoice.number(), e);
        }
    }
}
