package io.facteur.channel.mail.internal;

import static io.facteur.channel.mail.internal.Mails.attachment;
import static io.facteur.channel.mail.internal.Mails.mail;
import static io.facteur.channel.mail.internal.Mails.pdf;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Imports real MIME mails from a real IMAP mailbox (GreenMail) into a dossier's inbox. */
class MailImportTest {
    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                    .withConfiguration(
                            GreenMailConfiguration.aConfig()
                                    .withUser("import@facteur.test", "import", "s3cret"));

    @RegisterExtension final TestDerby derby = new TestDerby();

    static final String PDF = "pdf/EN16931_Einfach.pdf";
    static final String PDF2 = "pdf/zugferd_invoice.pdf";
    static final String ADDRESS = "import@facteur.test";
    static final String SUPPLIER = "billing@supplier.example";

    final MemoryDossierImports dossiers =
            new MemoryDossierImports().with("acme", SUPPLIER).with("globex");
    final RecordingInbox inbox = new RecordingInbox(Set.of("acme", "globex"));

    Map<String, Object> settings() {
        Map<String, Object> values = new HashMap<>();
        values.put("imapHost", "127.0.0.1");
        values.put("imapPort", GREEN_MAIL.getImap().getPort());
        values.put("imapTls", false);
        values.put("imapUser", "import");
        values.put("_imapPassword", "s3cret");
        values.put("connectTimeoutSeconds", 2);
        values.put("readTimeoutSeconds", 10);
        return values;
    }

    MailboxReader reader(Map<String, Object> values) throws Exception {
        MailboxReader r =
                new MailboxReader(Settings.mail(values), derby.dataSource(), dossiers, false);
        r.inbox = inbox;
        return r;
    }

    MailboxReader reader() throws Exception {
        return reader(settings());
    }

    static void deliver(MimeMessage... mails) throws Exception {
        GreenMailUser user = GREEN_MAIL.getUserManager().getUser("import");
        for (MimeMessage m : mails) {
            user.deliver(m);
        }
    }

    static List<String> subjects(String folderName) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GREEN_MAIL.getImap().getPort(), "import", "s3cret");
        try {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message m : folder.getMessages()) {
                subjects.add(m.getSubject());
            }
            folder.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }

    String token(String dossier) {
        return dossiers.get(dossier).token();
    }

    List<MailLedger.Rejected> rejected(MailboxReader r) throws Exception {
        return r.ledger().rejected(null, 100);
    }

    @Test
    void aTokenInTheSubjectImportsEveryInvoiceIntoItsDossierThenMovesTheMail() throws Exception {
        MimeMessage m =
                mail(
                        SUPPLIER,
                        ADDRESS,
                        "Invoice 4711 [" + token("acme").toUpperCase() + "]",
                        pdf(PDF),
                        pdf(PDF2));
        m.setHeader("Message-ID", "<4711@supplier.example>");
        deliver(m);

        MailboxReader.Counts counts = reader().importOnce();

        assertThat(counts).isEqualTo(new MailboxReader.Counts(1, 0, 0, 0));
        assertThat(inbox.accepted())
                .hasSize(2)
                .allSatisfy(
                        a -> {
                            assertThat(a.dossier()).isEqualTo("acme");
                            assertThat(a.source().channel()).isEqualTo("channel.mail");
                            assertThat(a.source().detail())
                                    .contains(SUPPLIER, "Invoice 4711", "<4711@supplier.example>");
                        });
        assertThat(inbox.accepted().get(0).document().content()).isEqualTo(Corpus.bytes(PDF));
        assertThat(inbox.accepted().get(1).document().content()).isEqualTo(Corpus.bytes(PDF2));
        assertThat(subjects("INBOX")).isEmpty();
        assertThat(subjects("Processed")).containsExactly(m.getSubject());
        assertThat(subjects("Rejected")).isEmpty();
    }

    @Test
    void aMailOfNestedMultipartsInlinePartsAZipAndOddEncodingsYieldsEachInvoiceOnce()
            throws Exception {
        MimeBodyPart logo =
                attachment(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1}, "image/png", "logo.png");
        logo.setDisposition(MimeBodyPart.INLINE);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(
                "<html><body><img src=\"cid:logo\"/></body></html>", "text/html; charset=UTF-8");
        MimeBodyPart body =
                Mails.nested(
                        "alternative",
                        Mails.text("Rechnung anbei"),
                        Mails.nested("related", html, logo));
        // a PDF under an ISO-8859-1 RFC 2231 name (quoted-printable: MailInvoicesTest)
        MimeBodyPart qp = pdf(PDF2);

        qp.setHeader("Content-Disposition", "attachment; filename*=iso-8859-1''Facture%E9t%E9.pdf");
        byte[] zip =
                Mails.zip(
                        "dir/../a.xml",
                        Corpus.bytes("cii/01.01a-INVOICE_uncefact.xml"),
                        "b.pdf",
                        Corpus.bytes(PDF));
        MimeBodyPart zipped =
                attachment(zip, "application/x-zip-compressed", "=?UTF-8?B?UmVjaG51bmdlbi56aXA=?=");
        deliver(mail(SUPPLIER, ADDRESS, "Mixed " + token("acme"), body, qp, zipped));

        reader().importOnce();

        assertThat(inbox.accepted())
                .extracting(a -> a.document().fileName())
                .containsExactly("Factureété.pdf", "a.xml", "b.pdf");
        assertThat(inbox.accepted().get(0).document().content()).isEqualTo(Corpus.bytes(PDF2));
        assertThat(inbox.accepted().get(2).document().content()).isEqualTo(Corpus.bytes(PDF));
        assertThat(subjects("Processed")).hasSize(1);
    }

    @Test
    void aTokenAfterThePlusOfARecipientImportsToo() throws Exception {
        MimeMessage to =
                mail(
                        "someone@else.example",
                        "import+" + token("globex") + "@facteur.test",
                        "Rechnung",
                        pdf(PDF));
        MimeMessage delivered = mail("someone@else.example", ADDRESS, "Facture", pdf(PDF2));
        delivered.setHeader("Delivered-To", "import+" + token("acme") + "@facteur.test");

        deliver(to, delivered);
        reader().importOnce();

        assertThat(inbox.accepted())
                .extracting(RecordingInbox.Accepted::dossier)
                .containsExactly("globex", "acme");
    }

    @Test
    void aTokenThatIsOnlyPartOfAWordMatchesNothing() throws Exception {
        deliver(
                mail(
                        SUPPLIER.replace("supplier", "x"),
                        ADDRESS,
                        "Invoice x" + token("acme"),
                        pdf(PDF)));

        MailboxReader r = reader();
        r.importOnce();

        assertThat(inbox.accepted()).isEmpty();
        assertThat(rejected(r))
                .singleElement()
                .satisfies(x -> assertThat(x.reason()).isEqualTo(Reason.NO_DOSSIER));
    }

    @Test
    void aTrustedSenderAuthenticatedByTheReceivingServerNeedsNoToken() throws Exception {
        MimeMessage m = mail("Supplier Billing <" + SUPPLIER + ">", ADDRESS, "Invoice", pdf(PDF));
        m.addHeader(
                "Authentication-Results",
                "mx.facteur.test; spf=pass smtp.mailfrom=bounces@supplier.example;"
                        + " dkim=pass header.d=supplier.example");
        deliver(m);

        reader().importOnce();

        assertThat(inbox.accepted())
                .singleElement()
                .satisfies(a -> assertThat(a.dossier()).isEqualTo("acme"));
    }

    @Test
    void forgedTrustedSendersAreRejectedWithoutPassingAuthentication() throws Exception {
        MimeMessage none = mail(SUPPLIER, ADDRESS, "forged 1", pdf(PDF));
        MimeMessage failed = mail(SUPPLIER, ADDRESS, "forged 2", pdf(PDF));
        failed.addHeader(
                "Authentication-Results",
                "mx.facteur.test; spf=fail smtp.mailfrom=billing@supplier.example; dkim=none");
        // the forger's own "pass" below the receiving server's header
        MimeMessage below = mail(SUPPLIER, ADDRESS, "forged 3", pdf(PDF));
        below.addHeader(
                "Authentication-Results",
                "mx.facteur.test; spf=pass" + " smtp.mailfrom=billing@supplier.example");
        below.addHeaderLine(
                "Authentication-Results: mx.facteur.test; spf=softfail"
                        + " smtp.mailfrom=billing@supplier.example");
        // passing, but for the forger's own domain
        MimeMessage other = mail(SUPPLIER, ADDRESS, "forged 4", pdf(PDF));
        other.addHeader(
                "Authentication-Results", "mx.facteur.test; dkim=pass header.d=evil.example");
        deliver(none, failed, reorder(below), other);

        MailboxReader r = reader();
        r.importOnce();

        assertThat(inbox.accepted()).isEmpty();
        assertThat(rejected(r))
                .hasSize(4)
                .allSatisfy(
                        x -> {
                            assertThat(x.reason()).isEqualTo(Reason.SENDER_NOT_AUTHENTICATED);
                            assertThat(x.dossier()).isNull();
                            assertThat(x.sender()).isEqualTo(SUPPLIER);
                        });
        assertThat(subjects("Rejected"))
                .containsExactlyInAnyOrder("forged 1", "forged 2", "forged 3", "forged 4");
    }

    /** Puts the last Authentication-Results line on top, as the receiving server prepends it. */
    private static MimeMessage reorder(MimeMessage m) throws Exception {
        String[] values = m.getHeader("Authentication-Results");
        m.removeHeader("Authentication-Results");
        MimeMessage copy = Mails.reparse(m);
        String raw = new String(toBytes(copy), StandardCharsets.ISO_8859_1);
        StringBuilder top = new StringBuilder();
        for (int i = values.length - 1; i >= 0; i--) {
            top.append("Authentication-Results: ").append(values[i]).append("\r\n");
        }
        return Mails.raw(top + raw);
    }

    private static byte[] toBytes(MimeMessage m) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void theSettingCanRelaxSenderAuthentication() throws Exception {
        deliver(mail(SUPPLIER, ADDRESS, "no auth", pdf(PDF)));
        Map<String, Object> values = settings();
        values.put("requireSenderAuthentication", false);

        reader(values).importOnce();

        assertThat(inbox.accepted())
                .singleElement()
                .satisfies(a -> assertThat(a.dossier()).isEqualTo("acme"));
    }

    @Test
    void aMailForNoDossierAndAMailWithoutInvoiceAreKeptInRejectedWithTheReason() throws Exception {
        MimeMessage stranger = mail("stranger@nowhere.example", ADDRESS, "Hello", pdf(PDF));
        stranger.setHeader("Message-ID", "<s1@nowhere.example>");
        MimeMessage empty =
                mail(
                        SUPPLIER,
                        ADDRESS,
                        "Only words " + token("globex"),
                        attachment(
                                "hello".getBytes(StandardCharsets.UTF_8), "text/plain", "a.txt"));
        deliver(stranger, empty);

        MailboxReader r = reader();
        MailboxReader.Counts counts = r.importOnce();

        assertThat(counts).isEqualTo(new MailboxReader.Counts(0, 0, 2, 0));
        assertThat(inbox.accepted()).isEmpty();
        assertThat(subjects("Rejected")).containsExactlyInAnyOrder("Hello", empty.getSubject());
        assertThat(subjects("INBOX")).isEmpty();
        List<MailLedger.Rejected> rows = rejected(r);
        assertThat(rows)
                .extracting(MailLedger.Rejected::reason)
                .containsExactly(Reason.NO_INVOICE, Reason.NO_DOSSIER); // newest first
        assertThat(rows.get(0).dossier()).isEqualTo("globex");
        assertThat(rows.get(1).messageId()).isEqualTo("<s1@nowhere.example>");
        assertThat(rows.get(1).sender()).isEqualTo("stranger@nowhere.example");
        assertThat(r.ledger().rejected("globex", 10)).hasSize(1);
    }

    @Test
    void theSameMessageIdTwiceImportsOnce() throws Exception {
        MimeMessage first = mail(SUPPLIER, ADDRESS, "Invoice " + token("acme"), pdf(PDF));
        first.setHeader("Message-ID", "<same@supplier.example>");
        MimeMessage again = mail(SUPPLIER, ADDRESS, "Invoice " + token("acme"), pdf(PDF2));
        again.setHeader("Message-ID", "<same@supplier.example>");
        deliver(first, again);

        MailboxReader.Counts counts = reader().importOnce();

        assertThat(counts).isEqualTo(new MailboxReader.Counts(1, 1, 0, 0));
        assertThat(inbox.accepted())
                .singleElement()
                .satisfies(a -> assertThat(a.document().content()).isEqualTo(Corpus.bytes(PDF)));
        assertThat(subjects("Processed")).hasSize(2);
    }

    @Test
    void aRegeneratedTokenStopsTheOldOneAtOnce() throws Exception {
        String old = token("acme");
        String fresh = dossiers.regenerate("acme");
        assertThat(fresh).isNotEqualTo(old);
        deliver(
                mail("x@else.example", ADDRESS, "old " + old, pdf(PDF)),
                mail("x@else.example", ADDRESS, "new " + fresh, pdf(PDF2)));

        MailboxReader r = reader();
        r.importOnce();

        assertThat(inbox.accepted())
                .singleElement()
                .satisfies(a -> assertThat(a.document().content()).isEqualTo(Corpus.bytes(PDF2)));
        assertThat(rejected(r))
                .singleElement()
                .satisfies(x -> assertThat(x.subject()).isEqualTo("old " + old));
    }

    @Test
    void aHugeMailIsRejectedUnreadAndTheNextOneStillImports() throws Exception {
        byte[] big = new byte[600_000];
        new java.util.Random(1).nextBytes(big);
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 5);
        deliver(
                mail(
                        SUPPLIER,
                        ADDRESS,
                        "huge " + token("acme"),
                        attachment(big, "application/pdf", "huge.pdf")),
                mail(SUPPLIER, ADDRESS, "small " + token("acme"), pdf(PDF)));
        Map<String, Object> values = settings();
        values.put("maxMessageBytes", 300_000);

        MailboxReader r = reader(values);
        MailboxReader.Counts counts = r.importOnce();

        assertThat(counts).isEqualTo(new MailboxReader.Counts(1, 0, 1, 0));
        assertThat(rejected(r))
                .singleElement()
                .satisfies(
                        x -> {
                            assertThat(x.reason()).isEqualTo(Reason.TOO_LARGE);
                            assertThat(x.detail()).contains("limit 300000");
                        });
        assertThat(subjects("Rejected")).containsExactly("huge " + token("acme"));
    }

    @Test
    void aZipBombAndMalformedMimeAreRejectedWithTheirReason() throws Exception {
        byte[] bomb = Mails.zip("a.pdf", new byte[20_000_000]);
        MimeMessage zip =
                mail(
                        SUPPLIER,
                        ADDRESS,
                        "bomb " + token("acme"),
                        attachment(bomb, "application/zip", "invoices.zip"));
        MimeMessage broken =
                Mails.raw(
                        "From: "
                                + SUPPLIER
                                + "\r\nTo: "
                                + ADDRESS
                                + "\r\nSubject: broken "
                                + token("acme")
                                + "\r\nMessage-ID: <broken@x>\r\n"
                                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nno boundary\r\n");
        deliver(zip, broken);

        MailboxReader r = reader();
        r.importOnce();

        assertThat(inbox.accepted()).isEmpty();
        assertThat(rejected(r))
                .extracting(MailLedger.Rejected::reason)
                .containsExactly(Reason.MALFORMED, Reason.ZIP_REFUSED);
        assertThat(rejected(r)).allSatisfy(x -> assertThat(x.dossier()).isEqualTo("acme"));
    }

    @Test
    void aDossierTheInboxDoesNotKnowIsRejectedAsRefused() throws Exception {
        dossiers.with("ghost");
        deliver(mail(SUPPLIER, ADDRESS, "to " + token("ghost"), pdf(PDF)));

        MailboxReader r = reader();
        r.importOnce();

        assertThat(rejected(r))
                .singleElement()
                .satisfies(
                        x -> {
                            assertThat(x.reason()).isEqualTo(Reason.REFUSED);
                            assertThat(x.detail()).contains("Unknown dossier ghost");
                        });
    }

    @Test
    void anInboxFailureLeavesTheMailForTheNextPass() throws Exception {
        deliver(mail(SUPPLIER, ADDRESS, "later " + token("acme"), pdf(PDF)));
        inbox.failures.set(1);

        MailboxReader r = reader();
        assertThat(r.importOnce()).isEqualTo(new MailboxReader.Counts(0, 0, 0, 1));
        assertThat(subjects("INBOX")).hasSize(1);
        assertThat(inbox.accepted()).isEmpty();

        assertThat(r.importOnce()).isEqualTo(new MailboxReader.Counts(1, 0, 0, 0));
        assertThat(subjects("INBOX")).isEmpty();
        assertThat(inbox.accepted()).hasSize(1);
    }

    @Test
    void aMailRecordedButNotMovedBeforeACrashIsMovedWithoutASecondImport() throws Exception {
        MimeMessage m = mail(SUPPLIER, ADDRESS, "crash " + token("acme"), pdf(PDF));
        m.setHeader("Message-ID", "<crash@supplier.example>");
        deliver(m);
        MailboxReader r = reader();
        // the state a crash between "recorded" and "moved" leaves behind
        r.ledger().recordImported(MailImport.key(m), "acme", "<crash@supplier.example>", 1);

        assertThat(r.importOnce()).isEqualTo(new MailboxReader.Counts(0, 1, 0, 0));
        assertThat(inbox.accepted()).isEmpty();
        assertThat(subjects("Processed")).hasSize(1);
    }

    @Test
    void theTimelineDetailNamesSenderSubjectAndMessageIdWithin255Characters() throws Exception {
        String longSubject = "Rechnung " + "ü".repeat(400) + " " + token("acme");
        MimeMessage m = mail(SUPPLIER, ADDRESS, longSubject, pdf(PDF));
        m.setHeader("Message-ID", "<" + "x".repeat(300) + "@supplier.example>");
        deliver(m);

        reader().importOnce();

        String detail = inbox.accepted().get(0).source().detail();
        assertThat(detail)
                .hasSizeLessThanOrEqualTo(255)
                .startsWith(SUPPLIER)
                .contains("Rechnung üü", "<xxx");
    }

    @Test
    void theWatcherImportsNewMailThroughIdleAndStopsPromptly() throws Exception {
        Map<String, Object> values = settings();
        values.put("pollSeconds", 3600); // only IDLE can bring the mail in time
        values.put("readTimeoutSeconds", 60);
        MailboxReader watching =
                new MailboxReader(Settings.mail(values), derby.dataSource(), dossiers, true);
        watching.inbox = inbox;
        try {
            Thread.sleep(1000); // connected and idling
            deliver(mail(SUPPLIER, ADDRESS, "idle " + token("acme"), pdf(PDF)));
            long deadline = System.currentTimeMillis() + 15_000;
            while (inbox.accepted().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(inbox.accepted()).hasSize(1);
        } finally {
            long start = System.nanoTime();
            watching.stop();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
        assertThat(subjects("Processed")).containsExactly("idle " + token("acme"));
    }
}
