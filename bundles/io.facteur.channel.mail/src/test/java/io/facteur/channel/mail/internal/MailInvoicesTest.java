package io.facteur.channel.mail.internal;

import static io.facteur.channel.mail.internal.Mails.attachment;
import static io.facteur.channel.mail.internal.Mails.mail;
import static io.facteur.channel.mail.internal.Mails.nested;
import static io.facteur.channel.mail.internal.Mails.pdf;
import static io.facteur.channel.mail.internal.Mails.reparse;
import static io.facteur.channel.mail.internal.Mails.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of real MIME mails are invoices, and what hostile ones are refused. */
class MailInvoicesTest {
    private static final String PDF = "pdf/EN16931_Einfach.pdf";
    private static final String CII = "cii/01.01a-INVOICE_uncefact.xml";
    private static final Limits LIMITS = new Limits(2_000_000, 20, 5_000_000, 100);

    private static List<Document> invoices(MimeMessage m) throws Exception {
        return new MailInvoices(LIMITS).of(reparse(m));
    }

    private static MimeMessage with(MimeBodyPart... parts) throws Exception {
        return mail("a@supplier.example", "import@facteur.test", "Invoice", parts);
    }

    @Test
    void findsInvoicesInNestedMultipartsAndSkipsBodiesLogosAndSignatures() throws Exception {
        MimeBodyPart logo =
                attachment(
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}, "image/png", "logo.png");
        logo.setDisposition(MimeBodyPart.INLINE);
        logo.setContentID("<logo@supplier>");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<html><body><p>Invoice</p><img src=\"cid:logo@supplier\"/></body></html>",
                "text/html; charset=UTF-8");
        MimeBodyPart related = nested("related", html, logo);
        MimeBodyPart alternative = nested("alternative", text("Invoice attached"), related);
        MimeBodyPart signature =
                attachment(
                        "sig".getBytes(StandardCharsets.US_ASCII),
                        "application/pkcs7-signature",
                        "smime.p7s");
        MimeBodyPart signed = nested("signed", nested("mixed", alternative, pdf(PDF)), signature);
        MimeBodyPart xml = attachment(Corpus.bytes(CII), "application/octet-stream", "factur.xml");

        List<Document> found = invoices(with(signed, xml));

        assertThat(found)
                .extracting(Document::fileName)
                .containsExactly("EN16931_Einfach.pdf", "factur.xml");
        assertThat(found.get(0).content()).isEqualTo(Corpus.bytes(PDF));
        assertThat(found.get(0).mediaType()).isEqualTo("application/pdf");
        assertThat(found.get(1).content()).isEqualTo(Corpus.bytes(CII));
        assertThat(found.get(1).mediaType()).isEqualTo("application/xml");
    }

    @Test
    void anHtmlOrTextAttachmentIsNoInvoiceButAnXmlSentAsTextIs() throws Exception {
        MimeBodyPart page =
                attachment(
                        "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8),
                        "text/html",
                        "page.html");
        MimeBodyPart note =
                attachment("just text".getBytes(StandardCharsets.UTF_8), "text/plain", "note.txt");
        MimeBodyPart xml = new MimeBodyPart();
        xml.setText(new String(Corpus.bytes(CII), StandardCharsets.UTF_8), "UTF-8", "xml");
        xml.setFileName("invoice.xml");
        xml.setHeader("Content-Transfer-Encoding", "quoted-printable");

        List<Document> found = invoices(with(page, note, xml));

        assertThat(found)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.fileName()).isEqualTo("invoice.xml");
                            // a text part travels in canonical form: its line ends become
                            // CRLF, nothing else changes
                            assertThat(lines(d.content())).isEqualTo(lines(Corpus.bytes(CII)));
                        });
    }

    private static String lines(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void decodesRfc2231AndRfc2047FileNames() throws Exception {
        byte[] pdf = Corpus.bytes(PDF);
        String raw =
                "From: a@supplier.example\r\nTo: import@facteur.test\r\nSubject: x\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                        + "--b1\r\nContent-Type: application/pdf\r\n"
                        + "Content-Disposition: attachment;"
                        + " filename*=UTF-8''Rechnung%20M%C3%BCller%20%E2%82%AC.pdf\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + java.util.Base64.getMimeEncoder().encodeToString(pdf)
                        + "\r\n--b1\r\nContent-Type: application/pdf; name=\""
                        + Mails.encodedWord("Facture n°12 été.pdf")
                        + "\"\r\nContent-Disposition: attachment; filename=\""
                        + Mails.encodedWord("Facture n°12 été.pdf")
                        + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + java.util.Base64.getMimeEncoder().encodeToString(pdf)
                        + "\r\n--b1--\r\n";
        MimeMessage m =
                new MimeMessage(
                        jakarta.mail.Session.getInstance(
                                Mailbox.properties(Settings.mail(java.util.Map.of()))),
                        new java.io.ByteArrayInputStream(
                                raw.getBytes(StandardCharsets.ISO_8859_1)));

        List<Document> found = new MailInvoices(LIMITS).of(m);

        assertThat(found)
                .extracting(Document::fileName)
                .containsExactly("Rechnung Müller €.pdf", "Facture n°12 été.pdf");
        assertThat(found).allSatisfy(d -> assertThat(d.content()).isEqualTo(pdf));
    }

    @Test
    void readsAnAttachedMessage() throws Exception {
        MimeMessage forwarded = with(pdf(PDF));
        MimeBodyPart rfc822 = new MimeBodyPart();
        rfc822.setContent(reparse(forwarded), "message/rfc822");

        assertThat(invoices(with(rfc822)))
                .extracting(Document::fileName)
                .containsExactly("EN16931_Einfach.pdf");
    }

    @Test
    void readsTheInvoicesOfAZipAndOneNestedZipUnderTheirLastNameOnly() throws Exception {
        byte[] inner = Mails.zip("inner/second.xml", Corpus.bytes(CII));
        byte[] zip =
                Mails.zip(
                        "../../etc/passwd.pdf", Corpus.bytes(PDF),
                        "readme.txt", "not an invoice".getBytes(StandardCharsets.UTF_8),
                        "C:\\evil\\..\\x.xml", Corpus.bytes(CII),
                        "more.zip", inner);

        List<Document> found = invoices(with(attachment(zip, "application/zip", "invoices.zip")));

        assertThat(found)
                .extracting(Document::fileName)
                .containsExactly("passwd.pdf", "x.xml", "second.xml");
    }

    @Test
    void refusesAZipInsideAZipInsideAZip() throws Exception {
        byte[] deepest = Mails.zip("a.pdf", Corpus.bytes(PDF));
        byte[] middle = Mails.zip("b.zip", deepest);
        byte[] outer = Mails.zip("c.zip", middle);

        assertThatThrownBy(() -> invoices(with(attachment(outer, "application/zip", "o.zip"))))
                .isInstanceOfSatisfying(
                        RejectedMailException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.ZIP_REFUSED));
    }

    @Test
    void refusesAZipBombByItsCompressionRatio() throws Exception {
        byte[] zeros = new byte[4_000_000];
        byte[] bomb = Mails.zip("a.pdf", zeros);
        assertThat(bomb.length).isLessThan(20_000);

        assertThatThrownBy(() -> invoices(with(attachment(bomb, "application/zip", "bomb.zip"))))
                .isInstanceOfSatisfying(
                        RejectedMailException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(Reason.ZIP_REFUSED);
                            assertThat(e.getMessage()).contains("bomb.zip", "uncompressed");
                        });
    }

    @Test
    void refusesAZipWithTooManyEntries() throws Exception {
        Object[] entries = new Object[2 * 30];
        for (int i = 0; i < 30; i++) {
            entries[2 * i] = "e" + i + ".txt";
            entries[2 * i + 1] = new byte[] {'x'};
        }
        byte[] zip = Mails.zip(entries);

        assertThatThrownBy(() -> invoices(with(attachment(zip, "application/zip", "many.zip"))))
                .isInstanceOfSatisfying(
                        RejectedMailException.class,
                        e -> assertThat(e.getMessage()).contains("more than 20 entries"));
    }

    @Test
    void refusesAnAttachmentOverTheLimitWithoutKeepingIt() throws Exception {
        byte[] big = new byte[2_500_000];
        Arrays.fill(big, (byte) 'A');
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 5);

        assertThatThrownBy(() -> invoices(with(attachment(big, "application/pdf", "big.pdf"))))
                .isInstanceOfSatisfying(
                        RejectedMailException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void malformedMimeIsRejectedWithTheReason() throws Exception {
        MimeMessage broken =
                Mails.raw(
                        "From: a@supplier.example\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                                + "Content-Type: multipart/mixed\r\n\r\n"
                                + "no boundary parameter at all\r\n");

        assertThatThrownBy(() -> new MailInvoices(LIMITS).of(broken))
                .isInstanceOfSatisfying(
                        RejectedMailException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void aMailWithoutAttachmentHasNoInvoice() throws Exception {
        assertThat(invoices(with())).isEmpty();
    }
}
