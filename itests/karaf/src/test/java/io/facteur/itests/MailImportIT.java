package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Import by e-mail in the distribution, from a real IMAP mailbox (GreenMail, started in the
 * container by the test): a mail whose subject holds the dossier's token (read over REST) becomes
 * an invoice of the dossier, READY, its timeline naming the sender; a mail without token stays in
 * the Rejected folder and is listed for admins.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailImportIT extends FacteurTestSupport {
    private static final String FEATURE = "facteur-channel-mail";
    private static final String MAILBOX = "import@facteur.test";
    private static final String SENDER = "billing@lieferant.test";
    private GreenMail mail;
    private ClassLoader angus;

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(
                super.config(),
                mavenBundle("com.icegreen", "greenmail", System.getProperty("greenmail.version")));
    }

    @Before
    public void startMailServer() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature(FEATURE))) {
            featuresService.installFeature(FEATURE);
        }
        // Jakarta Mail finds its implementation through the context class loader: Angus Mail's
        angus =
                Arrays.stream(bundleContext.getBundles())
                        .filter(b -> "org.eclipse.angus.mail".equals(b.getSymbolicName()))
                        .findFirst()
                        .map((Bundle b) -> b.adapt(BundleWiring.class).getClassLoader())
                        .orElseThrow();
        int imap = freePort();
        mail =
                inAngus(
                        () -> {
                            GreenMail g = new GreenMail(new ServerSetup(imap, "127.0.0.1", "imap"));
                            g.start();
                            g.setUser(MAILBOX, "import", "secret");
                            return g;
                        });
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("imapHost", "127.0.0.1");
        settings.put("imapPort", imap);
        settings.put("imapTls", false);
        settings.put("imapUser", "import");
        settings.put(".imapPassword", "secret");
        settings.put("importAddress", MAILBOX);
        settings.put("pollSeconds", 1);
        settings.put("readTimeoutSeconds", 10);
        configAdmin.getConfiguration("io.facteur.channel.mail", "?").update(settings);
    }

    @After
    public void stopMailServer() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    public void aMailWithTheTokenBecomesAnInvoiceAndAMailWithoutIsRejected() throws Exception {
        createDossier("post");
        Answer settings = get("/api/dossiers/post/mail-import");
        assertEquals(settings.body(), 200, settings.status());
        String token = settings.json().get("token").asText();
        assertTrue(token, token.matches("[a-z2-7]{32}"));
        assertEquals("import+" + token + "@facteur.test", settings.json().get("address").asText());

        deliver(invoiceMail("Rechnung 4711 " + token, "<it-4711@lieferant.test>"));
        deliver(invoiceMail("Rechnung ohne Token", "<it-none@lieferant.test>"));

        waitFor(
                () -> answered("/api/dossiers/post/invoices").size() == 1,
                60_000,
                "the mailed invoice to be imported");
        String id = get("/api/dossiers/post/invoices").json().get(0).get("id").asText();
        String path = "/api/dossiers/post/invoices/" + id;
        waitFor(
                () -> answered(path).path("status").asText().equals("READY"),
                90_000,
                "the mailed invoice to be read and validated");
        String timeline = get(path + "?lang=en").json().get("timeline").toString();
        assertTrue(timeline, timeline.contains("channel.mail"));
        assertTrue(timeline, timeline.contains(SENDER));
        assertTrue(timeline, timeline.contains("it-4711@lieferant.test"));

        waitFor(
                () -> answered("/api/mail-import/rejected").size() == 1,
                30_000,
                "the mail without token to be rejected");
        JsonNode rejected = get("/api/mail-import/rejected").json().get(0);
        assertEquals("NO_DOSSIER", rejected.get("reason").asText());
        assertEquals(SENDER, rejected.get("sender").asText());
        assertEquals("Rechnung ohne Token", rejected.get("subject").asText());
        assertEquals("<it-none@lieferant.test>", rejected.get("messageId").asText());
        assertTrue(executeCommand("facteur:mail-rejected").contains("Rechnung ohne Token"));

        // regenerated, the old token stops working
        Answer fresh = admin("POST", "/api/dossiers/post/mail-import/token", null);
        assertEquals(fresh.body(), 200, fresh.status());
        assertTrue(!fresh.json().get("token").asText().equals(token));
    }

    /**
     * A mail with a corpus PDF attached, written out as MIME text and parsed: building it with
     * Jakarta Mail's objects would need Jakarta Activation's handlers, which the probe does not
     * see.
     */
    private MimeMessage invoiceMail(String subject, String messageId) throws Exception {
        byte[] pdf =
                Files.readAllBytes(
                        Path.of(System.getProperty("facteur.corpus"), "pdf/EN16931_Einfach.pdf"));
        String mime =
                "From: "
                        + SENDER
                        + "\r\nTo: "
                        + MAILBOX
                        + "\r\nSubject: "
                        + subject
                        + "\r\nMessage-ID: "
                        + messageId
                        + "\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + "Anbei unsere Rechnung.\r\n"
                        + "--b1\r\nContent-Type: application/pdf\r\n"
                        + "Content-Disposition: attachment; filename=\"EN16931_Einfach.pdf\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + java.util.Base64.getMimeEncoder().encodeToString(pdf)
                        + "\r\n--b1--\r\n";
        return inAngus(
                () ->
                        new MimeMessage(
                                Session.getInstance(new Properties()),
                                new java.io.ByteArrayInputStream(
                                        mime.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private void deliver(MimeMessage m) throws Exception {
        inAngus(
                () -> {
                    mail.getUserManager().getUser("import").deliver(m);
                    return null;
                });
    }

    private <T> T inAngus(Callable<T> work) throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(angus);
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The JSON of a 200 answer, else an empty node: while a capability joins or leaves the running
     * JAX-RS application, the whiteboard redeploys it and answers 404 for a moment.
     */
    private JsonNode answered(String path) throws Exception {
        Answer a = get(path);
        return a.status() == 200 ? a.json() : JSON.createObjectNode();
    }
}
