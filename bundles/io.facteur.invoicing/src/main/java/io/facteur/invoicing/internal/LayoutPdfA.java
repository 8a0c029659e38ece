package io.facteur.invoicing.internal;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * What makes the pages ready for PDF/A-3 before Mustang attaches the XML: an sRGB output intent
 * (taken from the JDK, so that Mustang never has to find its own through a thread's context class
 * loader), the document's title, author and language.
 */
final class LayoutPdfA {
    private static final String SRGB = "sRGB IEC61966-2.1";

    private LayoutPdfA() {}

    static void prepare(PDDocument document, IssuedInvoice invoice, LayoutFormat format)
            throws IOException {
        document.setVersion(1.7f);
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(profile));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        document.getDocumentCatalog().addOutputIntent(intent);
        document.getDocumentCatalog().setLanguage(format.locale().getLanguage());

        PDDocumentInformation info = document.getDocumentInformation();
        String kind =
                format.label(
                        invoice.draft().creditNote() ? "document.creditNote" : "document.invoice");
        info.setTitle(kind + " " + invoice.number());
        info.setAuthor(invoice.seller().legalName());
        info.setSubject(kind + " " + invoice.number());
        info.setCreator("Facteur");
        info.setProducer("Facteur (Apache PDFBox)");
        Calendar now = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        now.set(Calendar.MILLISECOND, 0);
        info.setCreationDate(now);
        info.setModificationDate(now);
    }
}
