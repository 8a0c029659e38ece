package io.facteur.channel.mail.internal;

import static io.facteur.channel.mail.internal.Mails.mail;
import static io.facteur.channel.mail.internal.Mails.pdf;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.facteur.api.ConnectionTest;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reader and the connection test when the IMAP server is down, comes up, or refuses us. */
class MailboxOutageTest {
    @RegisterExtension final TestDerby derby = new TestDerby();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, Object> settings(int port) {
        Map<String, Object> values = new HashMap<>();
        values.put("imapHost", "127.0.0.1");
        values.put("imapPort", port);
        values.put("imapTls", false);
        values.put("imapUser", "import");
        values.put("_imapPassword", "s3cret");
        values.put("connectTimeoutSeconds", 2);
        values.put("readTimeoutSeconds", 10);
        values.put("pollSeconds", 1);
        return values;
    }

    @Test
    void theReaderReconnectsOnceTheServerIsUpAndImports() throws Exception {
        int port = freePort();
        MemoryDossierImports dossiers = new MemoryDossierImports().with("acme");
        RecordingInbox inbox = new RecordingInbox(Set.of("acme"));
        MailboxReader reader =
                new MailboxReader(
                        Settings.mail(settings(port)), derby.dataSource(), dossiers, true);
        reader.inbox = inbox;
        GreenMail server = null;
        try {
            Thread.sleep(2500); // refused at least twice: the reader is backing off
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
            server.start();
            server.setUser("import@facteur.test", "import", "s3cret")
                    .deliver(
                            mail(
                                    "a@b.example",
                                    "import@facteur.test",
                                    "back " + dossiers.get("acme").token(),
                                    pdf(MailImportTest.PDF)));
            long deadline = System.currentTimeMillis() + 20_000;
            while (inbox.accepted().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(inbox.accepted()).hasSize(1);
        } finally {
            reader.stop();
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void theConnectionTestSaysWhatItFound() throws Exception {
        int port = freePort();
        assertThat(new MailImportChannel(Settings.mail(Map.of())).test("acme", Map.of()))
                .isEqualTo(new ConnectionTest(false, "No import mailbox is set (IMAP host empty)"));
        ConnectionTest down =
                new MailImportChannel(Settings.mail(settings(port))).test("acme", Map.of());
        assertThat(down.success()).isFalse();
        assertThat(down.message()).startsWith("Cannot read the import mailbox on 127.0.0.1");

        GreenMail server =
                new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        server.start();
        try {
            server.setUser("import@facteur.test", "import", "s3cret");
            Map<String, Object> values = settings(port);
            values.put("importAddress", "import@facteur.test");
            ConnectionTest ok = new MailImportChannel(Settings.mail(values)).test("acme", Map.of());
            assertThat(ok.success()).as(ok.message()).isTrue();
            assertThat(ok.message()).contains("INBOX", "0", "import+TOKEN@facteur.test");
            values.put("_imapPassword", "wrong");
            assertThat(
                            new MailImportChannel(Settings.mail(values))
                                    .test("acme", Map.of())
                                    .success())
                    .isFalse();
        } finally {
            server.stop();
        }
    }
}
