package io.facteur.delivery.postal.internal;

import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryException;
import io.facteur.api.Document;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * The print-ready PDF of one delivery: the address sheet, a blank back when printed on both sides,
 * then every page of the invoice's PDF as it is. The same delivery on the same day gives the same
 * bytes, so that a retry is recognised by its hash.
 *
 * @param pdf the bytes handed to the print service
 * @param sha256 their SHA-256, lower-case hex
 * @param pages pages in the file
 * @param sheets sheets of paper they are printed on
 * @param invoicePages pages of the invoice
 * @param addressee the recipient
 * @param addressLines the recipient's lines as printed in the window
 */
record PrintFile(
        byte[] pdf,
        String sha256,
        int pages,
        int sheets,
        int invoicePages,
        Addressee addressee,
        List<String> addressLines) {

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_WINDOW = 1024;

    /**
     * Builds the print file.
     *
     * @throws DeliveryException (permanent) for a delivery with no usable PDF or address
     */
    static PrintFile of(Delivery delivery, PrintSetup setup, Clock clock) throws DeliveryException {
        Messages english = LetterLanguage.EN.messages();
        Document original =
                printable(delivery)
                        .orElseThrow(
                                () -> new DeliveryException(english.format("error.noPdf"), false));
        if (original.size() > setup.maxInvoiceBytes()) {
            throw new DeliveryException(
                    english.format("error.pdf.tooLarge", original.size(), setup.maxInvoiceBytes()),
                    false);
        }
        if (!endsWithEof(original.content())) {
            throw new DeliveryException(english.format("error.pdf.truncated"), false);
        }
        LetterLanguage language = LetterLanguage.of(delivery.language());
        Addressee addressee =
                Addressee.of(delivery, CoverLetter.senderCountry(delivery.invoice()), language);
        try (PDDocument invoice = open(original.content(), english)) {
            int invoicePages = invoice.getNumberOfPages();
            if (invoicePages < 1) {
                throw new DeliveryException(english.format("error.pdf.noPages"), false);
            }
            if (invoicePages > setup.maxInvoicePages()) {
                throw new DeliveryException(
                        english.format(
                                "error.pdf.tooManyPages", invoicePages, setup.maxInvoicePages()),
                        false);
            }
            int page = 0;
            for (PDPage each : invoice.getPages()) {
                page++;
                if (!each.hasContents()) {
                    throw new DeliveryException(english.format("error.pdf.emptyPage", page), false);
                }
            }
            LocalDate today = LocalDate.now(clock);
            CoverLetter letter =
                    CoverLetter.of(
                            delivery, addressee, language, today, invoicePages, setup.returnLine());
            return assemble(delivery, setup, clock, invoice, letter);
        } catch (IOException | RuntimeException e) {
            // PDFBox meets hostile files with any exception; none of them is worth a retry
            throw new DeliveryException(
                    english.format(
                            "error.pdf.broken", AddressText.clean(String.valueOf(e.getMessage()))),
                    false,
                    e);
        }
    }

    /** The first PDF among the delivery's documents (declared so, or starting as one). */
    static Optional<Document> printable(Delivery delivery) {
        return delivery.documents().stream().filter(PrintFile::isPdf).findFirst();
    }

    private static boolean isPdf(Document document) {
        String type = document.mediaType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/pdf")) {
            return true;
        }
        byte[] content = document.content();
        int window = Math.min(content.length, HEADER_WINDOW);
        for (int i = 0; i + PDF_HEADER.length <= window; i++) {
            if (Arrays.equals(
                    content, i, i + PDF_HEADER.length, PDF_HEADER, 0, PDF_HEADER.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the file ends as a PDF must, with {@code %%EOF} in its last 1024 bytes: PDFBox
     * repairs a file cut short without a word, and would print what it could guess of it.
     */
    static boolean endsWithEof(byte[] content) {
        int from = Math.max(0, content.length - HEADER_WINDOW);
        for (int i = content.length - EOF.length; i >= from; i--) {
            if (Arrays.equals(content, i, i + EOF.length, EOF, 0, EOF.length)) {
                return true;
            }
        }
        return false;
    }

    private static PDDocument open(byte[] content, Messages english)
            throws IOException, DeliveryException {
        PDDocument document;
        try {
            document = Loader.loadPDF(content);
        } catch (InvalidPasswordException e) {
            throw new DeliveryException(english.format("error.pdf.encrypted"), false, e);
        }
        if (document.isEncrypted()) {
            document.close();
            throw new DeliveryException(english.format("error.pdf.encrypted"), false);
        }
        return document;
    }

    private static PrintFile assemble(
            Delivery delivery,
            PrintSetup setup,
            Clock clock,
            PDDocument invoice,
            CoverLetter letter)
            throws IOException {
        try (PDDocument print = new PDDocument()) {
            LetterFont font = LetterFont.load(print);
            AddressSheet sheet = new AddressSheet(setup.window());
            sheet.draw(print, font, letter);
            if (setup.duplex()) {
                print.addPage(new PDPage(PDRectangle.A4));
            }
            for (PDPage page : invoice.getPages()) {
                // inherited attributes travel with the page: it leaves its page tree
                page.setMediaBox(page.getMediaBox());
                page.setCropBox(page.getCropBox());
                page.setRotation(page.getRotation());
                page.setResources(page.getResources());
                print.addPage(page);
            }
            describe(print, delivery, letter, clock);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            print.save(bytes);
            byte[] pdf = bytes.toByteArray();
            int pages = print.getNumberOfPages();
            return new PrintFile(
                    pdf,
                    sha256(pdf),
                    pages,
                    setup.duplex() ? (pages + 1) / 2 : pages,
                    invoice.getNumberOfPages(),
                    letter.addressee(),
                    sheet.addressLines(font, letter.addressee()));
        }
    }

    private static void describe(
            PDDocument print, Delivery delivery, CoverLetter letter, Clock clock) {
        PDDocumentInformation info = print.getDocumentInformation();
        info.setTitle(letter.subject());
        info.setAuthor(letter.senderName());
        info.setProducer("Facteur");
        GregorianCalendar created =
                GregorianCalendar.from(LocalDate.now(clock).atStartOfDay(clock.getZone()));
        info.setCreationDate(created);
        // a fixed file identifier: PDFBox would otherwise derive one from the time of saving
        byte[] id =
                Arrays.copyOf(digest(delivery.deliveryId().getBytes(StandardCharsets.UTF_8)), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        print.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
