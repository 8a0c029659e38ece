package io.facteur.invoicing.internal;

import io.facteur.api.Document;
import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.api.UnreadableInvoiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * The Factur-X of an issued invoice: its CII, its pages and the two joined by the platform's
 * embedder. The pages are made the same bytes for the same snapshot (creation and modification
 * dates are the moment of issuing, the file identifier follows from the dossier and the number), so
 * that a submission repeated after a crash is the same document to the inbox, which keeps it once.
 */
final class InvoiceFiles {
    private final InvoicePdf pages = new InvoicePdf();
    private final PdfInvoiceEmbedder embedder;

    InvoiceFiles(PdfInvoiceEmbedder embedder) {
        this.embedder = embedder;
    }

    /**
     * The Factur-X PDF/A-3 of the invoice.
     *
     * @param issuedAt the moment it was issued, as stored
     */
    Document facturX(IssuedInvoice invoice, Instant issuedAt) throws UnreadableInvoiceException {
        String name = fileName(invoice.number());
        Document xml = new Document(name + ".xml", "application/xml", CiiInvoice.write(invoice));
        Document pdf = new Document(name + ".pdf", "application/pdf", pdf(invoice, issuedAt));
        return embedder.embed(pdf, xml);
    }

    /** The pages, with the dates and identifier of the snapshot rather than of the moment. */
    byte[] pdf(IssuedInvoice invoice, Instant issuedAt) {
        try (PDDocument document = Loader.loadPDF(pages.render(invoice))) {
            Calendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            at.setTimeInMillis(issuedAt.getEpochSecond() * 1000);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setCreationDate(at);
            info.setModificationDate(at);
            byte[] id = identifier(invoice);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out invoice " + invoice.number(), e);
        }
    }

    /** A file name of the number: the characters a number may hold, '/' made '-'. */
    static String fileName(String number) {
        return number.replace('/', '-');
    }

    private static byte[] identifier(IssuedInvoice invoice) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash =
                    sha.digest(
                            (invoice.dossier() + "\n" + invoice.number())
                                    .getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
