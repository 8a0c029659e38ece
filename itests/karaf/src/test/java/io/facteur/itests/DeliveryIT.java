package io.facteur.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Delivery in the distribution, against a real SMTP and IMAP server (GreenMail, started in the
 * container by the test): with automatic delivery on, an imported Factur-X goes to its customer by
 * e-mail under the dossier's identity; its bounce, read from the bounce mailbox, waits for a
 * corrected address, which sends it again; a bounce whose correction window closes goes by post.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeliveryIT extends FacteurTestSupport {
    private static final String BOUNCES = "bounces@facteur.test";
    private final HttpClient client = HttpClient.newHttpClient();
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
        // Jakarta Mail finds its implementation through the context class loader: Angus Mail's
        angus =
                Arrays.stream(bundleContext.getBundles())
                        .filter(b -> "org.eclipse.angus.mail".equals(b.getSymbolicName()))
                        .findFirst()
                        .map((Bundle b) -> b.adapt(BundleWiring.class).getClassLoader())
                        .orElseThrow();
        int smtp = freePort();
        int imap = freePort();
        mail =
                inAngus(
                        () -> {
                            GreenMail g =
                                    new GreenMail(
                                            new ServerSetup[] {
                                                new ServerSetup(smtp, "127.0.0.1", "smtp"),
                                                new ServerSetup(imap, "127.0.0.1", "imap")
                                            });
                            g.start();
                            g.setUser(BOUNCES, "bounces", "secret");
                            return g;
                        });
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("smtpHost", "127.0.0.1");
        settings.put("smtpPort", smtp);
        settings.put("smtpSecurity", "NONE");
        settings.put("senderAddress", "noreply@facteur.test");
        settings.put("bounceAddress", BOUNCES);
        settings.put("imapHost", "127.0.0.1");
        settings.put("imapPort", imap);
        settings.put("imapTls", false);
        settings.put("imapUser", "bounces");
        settings.put(".imapPassword", "secret");
        settings.put("pollSeconds", 1);
        configAdmin.getConfiguration("io.facteur.delivery.mail", "?").update(settings);
    }

    @After
    public void stopMailServer() {
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    public void anImportedInvoiceGoesByMailBouncesIsCorrectedAndFinallyGoesByPost()
            throws Exception {
        createDossier("shop");
        dossierSettings(72);
        Answer identity =
                admin(
                        "PUT",
                        "/api/dossiers/shop/settings/delivery.mail",
                        "{\"displayName\":\"Boutique Durand\",\"fromAddress\":\"factures@durand.test\","
                                + "\"replyTo\":\"compta@durand.test\"}");
        assertEquals(identity.body(), 200, identity.status());
        // the customer, known before its first invoice by the id the seller gives it (BT-46)
        Answer customer =
                admin(
                        "POST",
                        "/api/dossiers/shop/customers",
                        "{\"name\":\"Kunden AG Mitte\",\"identifier\":\"GE2020211\","
                                + "\"emails\":[\"einkauf@kunden.test\"],\"language\":\"de\","
                                + "\"address\":{\"line1\":\"Kundenstraße 15\",\"city\":\"Frankfurt\","
                                + "\"postCode\":\"69876\",\"countryCode\":\"DE\"}}");
        assertEquals(customer.body(), 201, customer.status());
        String customerId = customer.json().get("id").asText();

        // automatic delivery: imported, validated, archived, then sent without a click
        String id = post("pdf/EN16931_Einfach.pdf");
        String path = "/api/dossiers/shop/invoices/" + id;
        waitFor(() -> status(path).equals("SENT"), 90_000, "the invoice to be sent by e-mail");
        MimeMessage sent = received("einkauf@kunden.test");
        assertEquals(
                new InternetAddress("factures@durand.test", "Boutique Durand"), sent.getFrom()[0]);
        assertEquals("compta@durand.test", ((InternetAddress) sent.getReplyTo()[0]).getAddress());
        JsonNode delivery = get(path + "/deliveries").json().get(0);
        assertEquals(delivery.toString(), sent.getMessageID(), delivery.get("reference").asText());
        assertEquals(
                "<bounces+" + delivery.get("id").asText() + "@facteur.test>",
                sent.getHeader("Return-Path")[0]);
        assertTrue(inAngus(() -> attachmentIsPdf(sent)));

        // the customer's server says the address is unknown: BOUNCED, waiting for a correction
        bounce(sent, delivery.get("id").asText());
        waitFor(() -> status(path).equals("BOUNCED"), 60_000, "the bounce to be read");
        assertTrue(get(path + "?lang=en").body().contains("5.1.1"));

        // corrected within the window: sent again, to the new address
        Answer corrected =
                admin(
                        "PUT",
                        "/api/dossiers/shop/customers/" + customerId,
                        "{\"name\":\"Kunden AG Mitte\",\"emails\":[\"buchhaltung@kunden.test\"],"
                                + "\"language\":\"de\",\"address\":{\"line1\":\"Kundenstraße 15\","
                                + "\"city\":\"Frankfurt\",\"postCode\":\"69876\",\"countryCode\":\"DE\"}}");
        assertEquals(corrected.body(), 200, corrected.status());
        waitFor(() -> status(path).equals("SENT"), 60_000, "the corrected send");
        MimeMessage again = received("buchhaltung@kunden.test");
        JsonNode deliveries = get(path + "/deliveries").json();
        assertEquals(deliveries.toString(), 2, deliveries.size());
        assertEquals(
                deliveries.get(1).get("id").asText(), deliveries.get(0).get("replacedBy").asText());

        // a dossier without correction window: the next bounce goes by post at once
        dossierSettings(0);
        bounce(again, deliveries.get(1).get("id").asText());
        waitFor(() -> status(path).equals("POSTED"), 60_000, "the postal fallback");
        JsonNode all = get(path + "/deliveries").json();
        String posted = all.get(2).get("id").asText();
        assertEquals("delivery.postal", all.get(2).get("channel").asText());
        Path outbox = Path.of(System.getProperty("karaf.data"), "facteur", "print-outbox");
        assertTrue(Files.exists(outbox.resolve(posted + ".pdf")));
        assertTrue(Files.exists(outbox.resolve(posted + ".json")));
        // two mails to the customer, never a third
        assertEquals(
                2,
                Arrays.stream(mail.getReceivedMessages())
                        .filter(
                                m ->
                                        addressed(m, "einkauf@kunden.test")
                                                || addressed(m, "buchhaltung@kunden.test"))
                        .count());
        assertEquals("", PlatformIT.errorLines());
    }

    private void dossierSettings(int correctionHours) throws Exception {
        Answer saved =
                admin(
                        "PUT",
                        "/api/dossiers/shop/settings/dossier",
                        "{\"language\":\"fr\",\"automaticDelivery\":true,\"correctionHours\":"
                                + correctionHours
                                + "}");
        assertEquals(saved.body(), 200, saved.status());
    }

    private String status(String path) throws Exception {
        return get(path).json().get("status").asText();
    }

    private String post(String file) throws Exception {
        Path invoice = Path.of(System.getProperty("facteur.corpus"), file);
        HttpResponse<String> posted =
                client.send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + "/api/dossiers/shop/invoices"))
                                .header("Authorization", basic(ADMIN, PASSWORD))
                                .header("Content-Type", "application/pdf")
                                .POST(
                                        HttpRequest.BodyPublishers.ofByteArray(
                                                Files.readAllBytes(invoice)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 202, posted.statusCode());
        return JSON.readTree(posted.body()).get("id").asText();
    }

    /** The one message GreenMail received for {@code to}. */
    private MimeMessage received(String to) throws Exception {
        waitFor(
                () -> Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> addressed(m, to)),
                30_000,
                "a mail to " + to);
        MimeMessage[] to1 =
                Arrays.stream(mail.getReceivedMessages())
                        .filter(m -> addressed(m, to))
                        .toArray(MimeMessage[]::new);
        assertEquals(1, to1.length);
        return to1[0];
    }

    private static boolean addressed(MimeMessage m, String to) {
        try {
            for (Address a : m.getAllRecipients()) {
                if (((InternetAddress) a).getAddress().equals(to)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean attachmentIsPdf(MimeMessage m) throws Exception {
        // parsed from its data source: no activation command map needed in the probe
        Multipart parts =
                new jakarta.mail.internet.MimeMultipart(m.getDataHandler().getDataSource());
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("application/pdf")) {
                return true;
            }
        }
        return false;
    }

    /** A Postfix delivery status notification for {@code original}, into the bounce mailbox. */
    private void bounce(MimeMessage original, String deliveryId) throws Exception {
        String to = ((InternetAddress) original.getAllRecipients()[0]).getAddress();
        String dsn =
                "Return-Path: <>\r\n"
                        + "Delivered-To: bounces+"
                        + deliveryId
                        + "@facteur.test\r\n"
                        + "From: MAILER-DAEMON@mx.kunden.test (Mail Delivery System)\r\n"
                        + "To: bounces+"
                        + deliveryId
                        + "@facteur.test\r\n"
                        + "Subject: Undelivered Mail Returned to Sender\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status;"
                        + " boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/plain\r\n\r\n"
                        + "I'm sorry to have to inform you that your message could not be delivered.\r\n"
                        + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
                        + "Reporting-MTA: dns; mx.kunden.test\r\n\r\n"
                        + "Final-Recipient: rfc822; "
                        + to
                        + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 User unknown in local recipient table\r\n"
                        + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                        + "Message-ID: "
                        + original.getMessageID()
                        + "\r\nTo: "
                        + to
                        + "\r\n\r\n--b1--\r\n";
        inAngus(
                () -> {
                    MimeMessage notice =
                            new MimeMessage(
                                    Session.getInstance(new Properties()),
                                    new ByteArrayInputStream(dsn.getBytes(StandardCharsets.UTF_8)));
                    mail.getUserManager().getUser("bounces").deliver(notice);
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
}
