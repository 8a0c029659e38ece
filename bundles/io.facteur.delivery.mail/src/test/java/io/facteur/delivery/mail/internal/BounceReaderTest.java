package io.facteur.delivery.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reads bounce notices from a real IMAP mailbox (GreenMail) and reports them. */
class BounceReaderTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                    .withConfiguration(
                            GreenMailConfiguration.aConfig()
                                    .withUser("bounces@facteur.test", "bounces", "s3cret"));

    private static final List<String> NOTICES =
            List.of(
                    "postfix-5.1.1.eml",
                    "vacation.eml",
                    "gmail-5.1.1.eml",
                    "delayed-4.4.7.eml",
                    "malformed.eml",
                    "exim-550.eml",
                    "exim-delay.eml",
                    "foreign-5.1.1.eml",
                    "qmail.eml",
                    "ghost-5.1.1.eml",
                    "exchange-online-5.1.10.eml",
                    "exchange2010-5.1.1.eml",
                    "exchange-delay-4.4.7.eml");

    /** What the core knows: the deliveries sent, by id or by Message-ID. */
    private static final Set<String> KNOWN =
            Set.of(
                    "dlv-postfix",
                    "<dlv-gmail.ffeeddccbbaa998877665544@facteur.test>",
                    "dlv-exim",
                    "dlv-qmail",
                    "dlv-delayed",
                    "dlv-eximdelay",
                    "dlv-vacation",
                    "dlv-malformed",
                    "dlv-exo",
                    "dlv-exch2010",
                    "dlv-exdelay");

    private static Map<String, Object> settings() {
        Map<String, Object> values = new HashMap<>();
        values.put("imapHost", "");
        values.put("imapPort", GREEN_MAIL.getImap().getPort());
        values.put("imapTls", false);
        values.put("imapUser", "bounces");
        values.put("_imapPassword", "s3cret");
        values.put("bounceAddress", "bounces@facteur.test");
        values.put("connectTimeoutSeconds", 2);
        values.put("readTimeoutSeconds", 10);
        return values;
    }

    private static void deliver(String... names) throws Exception {
        GreenMailUser user = GREEN_MAIL.getUserManager().getUser("bounces");
        for (String name : names) {
            user.deliver(BounceParserTest.resource(name));
        }
    }

    private static List<String> subjectsLeft(String folderName) throws Exception {
        Properties p = new Properties();
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", GREEN_MAIL.getImap().getPort(), "bounces", "s3cret");
        try {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (var m : folder.getMessages()) {
                subjects.add(m.getSubject());
            }
            folder.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }

    @Test
    void reportsExactlyThePermanentBouncesOfKnownDeliveriesAndDeletesThem() throws Exception {
        deliver(NOTICES.toArray(String[]::new));
        RecordingReports reports = new RecordingReports(KNOWN);
        Map<String, Object> values = settings();
        values.put("imapHost", "127.0.0.1");
        BounceReader reader = readerPolling(values, reports);

        int reported = reader.poll();

        assertThat(reported).isEqualTo(6);
        assertThat(reports.bounced)
                .filteredOn(RecordingReports.Call::matched)
                .extracting(RecordingReports.Call::reference)
                .containsExactlyInAnyOrder(
                        "dlv-postfix",
                        "<dlv-gmail.ffeeddccbbaa998877665544@facteur.test>",
                        "dlv-exim",
                        "dlv-qmail",
                        "dlv-exo",
                        "dlv-exch2010");
        assertThat(reports.bounced)
                .extracting(RecordingReports.Call::channel)
                .containsOnly("delivery.mail");
        assertThat(reports.bounced)
                .filteredOn(c -> c.reference().equals("dlv-postfix"))
                .singleElement()
                .satisfies(
                        c -> assertThat(c.reason()).startsWith("5.1.1").contains("User unknown"));
        assertThat(reports.bounced)
                .filteredOn(c -> c.reference().equals("dlv-exim"))
                .singleElement()
                .satisfies(c -> assertThat(c.reason()).startsWith("5.2.1"));
        assertThat(reports.bounced)
                .filteredOn(c -> c.reference().equals("dlv-exo"))
                .singleElement()
                .satisfies(
                        c ->
                                assertThat(c.reason())
                                        .isEqualTo(
                                                "5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient"
                                                        + " client@customer.test not found by SMTP"
                                                        + " address lookup"));
        assertThat(reports.bounced)
                .filteredOn(c -> c.reference().equals("dlv-exch2010"))
                .singleElement()
                .satisfies(
                        c ->
                                assertThat(c.reason())
                                        .isEqualTo("5.1.1 RESOLVER.ADR.RecipNotFound; not found"));
        // the delays, the out-of-office reply and the broken one were never reported
        assertThat(reports.bounced)
                .extracting(RecordingReports.Call::reference)
                .doesNotContain(
                        "dlv-delayed",
                        "dlv-eximdelay",
                        "dlv-exdelay",
                        "dlv-vacation",
                        "dlv-malformed");
        assertThat(subjectsLeft("INBOX"))
                .hasSize(7)
                .contains(
                        "Delayed Mail (still being retried)",
                        "Delivery Status Notification (Delay)",
                        "Absence du bureau / Out of office");

        // a second reading reports nothing again and asks about no notice left before
        int calls = reports.bounced.size();
        assertThat(reader.poll()).isZero();
        assertThat(reports.bounced).hasSize(calls);
    }

    @Test
    void theGhostDeliveryIsAskedAboutButLeft() throws Exception {
        deliver("ghost-5.1.1.eml");
        RecordingReports reports = new RecordingReports(KNOWN);
        Map<String, Object> values = settings();
        values.put("imapHost", "127.0.0.1");

        assertThat(readerPolling(values, reports).poll()).isZero();
        assertThat(reports.bounced)
                .singleElement()
                .satisfies(c -> assertThat(c.reference()).isEqualTo("dlv-ghost"));
        assertThat(subjectsLeft("INBOX")).hasSize(1);
    }

    @Test
    void reportedBouncesMoveToTheProcessedFolderWhenThereIsOne() throws Exception {
        Properties p = new Properties();
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", GREEN_MAIL.getImap().getPort(), "bounces", "s3cret");
        store.getFolder(BounceReader.PROCESSED).create(Folder.HOLDS_MESSAGES);
        store.close();
        deliver("postfix-5.1.1.eml", "delayed-4.4.7.eml");
        Map<String, Object> values = settings();
        values.put("imapHost", "127.0.0.1");

        assertThat(readerPolling(values, new RecordingReports(KNOWN)).poll()).isEqualTo(1);
        assertThat(subjectsLeft("INBOX")).containsExactly("Delayed Mail (still being retried)");
        assertThat(subjectsLeft(BounceReader.PROCESSED))
                .containsExactly("Undelivered Mail Returned to Sender");
    }

    @Test
    void hugeAndBrokenMessagesDoNotStopTheReader() throws Exception {
        GreenMailUser user = GREEN_MAIL.getUserManager().getUser("bounces");
        Session session = Session.getInstance(new Properties());
        String huge =
                "From: MAILER-DAEMON@mx.test\r\nTo: bounces+dlv-postfix@facteur.test\r\n"
                        + "Subject: huge\r\nContent-Type: text/plain\r\n\r\n"
                        + "550 5.1.1 user unknown\r\n".repeat(100_000);
        user.deliver(
                new MimeMessage(
                        session,
                        new ByteArrayInputStream(huge.getBytes(StandardCharsets.US_ASCII))));
        String nested =
                "From: MAILER-DAEMON@mx.test\r\nTo: bounces+dlv-exim@facteur.test\r\n"
                        + "Subject: nested\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n"
                        + nestedParts(0, 40);
        user.deliver(
                new MimeMessage(
                        session,
                        new ByteArrayInputStream(nested.getBytes(StandardCharsets.US_ASCII))));
        deliver("malformed.eml", "qmail.eml");
        RecordingReports reports = new RecordingReports(KNOWN);
        Map<String, Object> values = settings();
        values.put("imapHost", "127.0.0.1");
        values.put("bounceMaxBytes", 100_000);

        assertThat(readerPolling(values, reports).poll()).isEqualTo(1);
        assertThat(reports.bounced)
                .extracting(RecordingReports.Call::reference)
                .containsExactly("dlv-qmail");
        assertThat(subjectsLeft("INBOX"))
                .containsExactlyInAnyOrder("huge", "nested", "Undelivered Mail Returned to Sender");
    }

    private static String nestedParts(int level, int depth) {
        if (level == depth) {
            return "--b" + (level - 1) + "--\r\n";
        }
        return "--b"
                + level
                + "\r\nContent-Type: multipart/mixed; boundary=\"b"
                + (level + 1)
                + "\"\r\n\r\n"
                + nestedParts(level + 1, depth);
    }

    @Test
    void atMostTheConfiguredNumberIsReadPerPoll() throws Exception {
        deliver("postfix-5.1.1.eml", "exim-550.eml", "qmail.eml");
        RecordingReports reports = new RecordingReports(KNOWN);
        Map<String, Object> values = settings();
        values.put("imapHost", "127.0.0.1");
        values.put("bouncesPerPoll", 2);
        BounceReader reader = readerPolling(values, reports);

        assertThat(reader.poll()).isEqualTo(2);
        assertThat(reader.poll()).isEqualTo(1);
        assertThat(subjectsLeft("INBOX")).isEmpty();
    }

    @Test
    void withoutReportsServiceNothingIsReadOrDeleted() throws Exception {
        deliver("postfix-5.1.1.eml");
        Map<String, Object> values = settings();
        values.put("imapHost", "127.0.0.1");
        BounceReader reader = readerPolling(values, null);

        assertThat(reader.poll()).isZero();
        assertThat(subjectsLeft("INBOX")).hasSize(1);
    }

    /** A reader of GreenMail's mailbox whose schedule is stopped at once: the test polls. */
    private static BounceReader readerPolling(Map<String, Object> values, RecordingReports reports)
            throws InterruptedException {
        Map<String, Object> slow = new HashMap<>(values);
        slow.put("pollSeconds", 86_400);
        BounceReader reader = new BounceReader(Settings.mail(slow));
        reader.stop();
        reader.reports = reports;
        return reader;
    }

    @Test
    void theScheduleReadsTheMailboxAndStopsOnDeactivation() throws Exception {
        deliver("postfix-5.1.1.eml");
        RecordingReports reports = new RecordingReports(KNOWN);
        Map<String, Object> values = settings();
        values.put("imapHost", "127.0.0.1");
        values.put("pollSeconds", 10);
        BounceReader reader = new BounceReader(Settings.mail(values));
        reader.reports = reports;
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (reports.bounced.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            reader.stop();
        }

        assertThat(reports.bounced)
                .extracting(RecordingReports.Call::reference)
                .containsExactly("dlv-postfix");
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContain("facteur-mail-bounces");
    }

    @Test
    void withoutImapHostNoThreadIsStarted() throws Exception {
        BounceReader reader = new BounceReader(Settings.mail(settings()));
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .doesNotContain("facteur-mail-bounces");
        reader.stop();
    }
}
