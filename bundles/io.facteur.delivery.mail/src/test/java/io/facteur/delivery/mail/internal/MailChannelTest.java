package io.facteur.delivery.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.facteur.api.DeliveryChannel.Receipt;
import io.facteur.api.DeliveryChannel.Recipient;
import io.facteur.api.DeliveryChannel.Status;
import io.facteur.api.DeliveryException;
import io.facteur.api.Document;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sends through a real SMTP server (GreenMail) and reads what arrived. */
class MailChannelTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                    .withConfiguration(
                            GreenMailConfiguration.aConfig()
                                    .withUser("facteur@facteur.test", "facteur", "s3cret"));

    private static Map<String, Object> platform(int port) {
        Map<String, Object> values = new HashMap<>();
        values.put("smtpHost", "127.0.0.1");
        values.put("smtpPort", port);
        values.put("smtpSecurity", "NONE");
        values.put("smtpUser", "facteur");
        values.put("_smtpPassword", "s3cret");
        values.put("connectTimeoutSeconds", 2);
        values.put("readTimeoutSeconds", 5);
        values.put("senderAddress", "noreply@facteur.test");
        values.put("bounceAddress", "bounces@facteur.test");
        return values;
    }

    private static MailChannel channel() {
        return new MailChannel(Settings.mail(platform(GREEN_MAIL.getSmtp().getPort())));
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    private static String text(MimeMessage message) throws Exception {
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        return new String(
                mixed.getBodyPart(0).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void mailArrivesFromTheDossierWithVerpEnvelopeAndItsMessageId() throws Exception {
        Receipt receipt = channel().send(Deliveries.invoice("dlv-1").delivery());

        MimeMessage mail = onlyMessage();
        assertThat(receipt.status()).isEqualTo(Status.SENT);
        assertThat(receipt.reference()).matches("<dlv-1\\.[0-9a-f]{24}@facteur\\.test>");
        assertThat(receipt.detail()).isEqualTo("client@customer.test");
        assertThat(mail.getMessageID()).isEqualTo(receipt.reference());
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("factures@acme.test");
        assertThat(from.getPersonal()).isEqualTo("ACME Facturation");
        assertThat(mail.getReplyTo())
                .extracting(Object::toString)
                .containsExactly("compta@acme.test");
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("client@customer.test");
        assertThat(mail.getHeader("Return-Path")[0]).contains("bounces+dlv-1@facteur.test");
    }

    @Test
    void twoSendsHaveTwoMessageIds() throws Exception {
        MailChannel channel = channel();
        Receipt first = channel.send(Deliveries.invoice("dlv-2").delivery());
        Receipt second = channel.send(Deliveries.invoice("dlv-2").delivery());
        assertThat(first.reference()).isNotEqualTo(second.reference());
    }

    @Test
    void attachmentArrivesByteForByteWithItsNameAndType() throws Exception {
        channel().send(Deliveries.invoice("dlv-3").delivery());

        MimeMultipart mixed = (MimeMultipart) onlyMessage().getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        BodyPart pdf = mixed.getBodyPart(1);
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo("EN16931_Einfach.pdf");
        assertThat(pdf.isMimeType("application/pdf")).isTrue();
        assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(Corpus.bytes(Deliveries.PDF));
    }

    @Test
    void everyDocumentIsAttachedUnderASafeName() throws Exception {
        byte[] xml = "<Invoice/>".getBytes(StandardCharsets.UTF_8);
        List<Document> documents =
                List.of(
                        new Document("../../etc/pass\r\nBcc: x.pdf", "application/pdf", xml),
                        new Document("", "application/xml", xml),
                        new Document("facture été.xml", "text/xml\r\nX-Evil: 1", xml));
        channel().send(Deliveries.invoice("dlv-4").documents(documents).delivery());

        MimeMultipart mixed = (MimeMultipart) onlyMessage().getContent();
        assertThat(mixed.getCount()).isEqualTo(4);
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("pass__Bcc_ x.pdf");
        assertThat(mixed.getBodyPart(2).getFileName()).isEqualTo("F-2026-001-2.xml");
        assertThat(mixed.getBodyPart(3).getFileName()).isEqualTo("facture été.xml");
        assertThat(mixed.getBodyPart(3).isMimeType("application/octet-stream")).isTrue();
        assertThat(onlyMessage().getHeader("X-Evil")).isNull();
        assertThat(onlyMessage().getHeader("Bcc")).isNull();
        for (int i = 1; i < 4; i++) {
            assertThat(mixed.getBodyPart(i).getInputStream().readAllBytes()).isEqualTo(xml);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "fr|Facture F-2026-001 de ACME SARL|facture F-2026-001|15 décembre 2026|234,50",
                "en|Invoice F-2026-001 from ACME SARL|invoice F-2026-001|December 15, 2026|€1,234.50",
                "de|Rechnung F-2026-001 von ACME SARL|Rechnung F-2026-001|15. Dezember 2026|234,50",
                "it|Facture F-2026-001 de ACME SARL|facture F-2026-001|15 décembre 2026|234,50"
            })
    void subjectAndTextAreInTheCustomersLanguage(
            String language, String subject, String invoice, String due, String amount)
            throws Exception {
        channel().send(Deliveries.invoice("dlv-5").language(language).delivery());

        MimeMessage mail = onlyMessage();
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(text(mail)).contains(invoice, due, amount, "€", "ACME SARL");
    }

    @Test
    void withoutDueDateTheTextNamesNone() throws Exception {
        channel().send(Deliveries.invoice("dlv-6").language("de").dueDate(null).delivery());

        String text = text(onlyMessage());
        assertThat(text).contains("Rechnung F-2026-001", "234,50").doesNotContain("zahlbar bis");
    }

    @ParameterizedTest
    @CsvSource({"fr,Avoir F-2026-001 de ACME SARL", "en,Credit note F-2026-001 from ACME SARL"})
    void aCreditNoteHasItsOwnWording(String language, String subject) throws Exception {
        channel().send(Deliveries.invoice("dlv-7").typeCode("381").language(language).delivery());

        MimeMessage mail = onlyMessage();
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(text(mail)).doesNotContainIgnoringCase("facture F-").doesNotContain("payable");
    }

    @Test
    void withoutDossierAddressThePlatformSenderCarriesTheDossierName() throws Exception {
        channel().send(Deliveries.invoice("dlv-8").settings(Map.of()).delivery());

        MimeMessage mail = onlyMessage();
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("noreply@facteur.test");
        assertThat(from.getPersonal()).isEqualTo("ACME SARL");
        assertThat(mail.getHeader("Reply-To")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "displayName=ACME\r\nBcc: victim@evil.test",
                "displayName=ACME\nBcc: victim@evil.test",
                "displayName=ACME\u0000",
                "fromAddress=factures@acme.test\r\nBcc: victim@evil.test",
                "fromAddress=ACME <factures@acme.test>",
                "fromAddress=factures@acme.test, victim@evil.test",
                "fromAddress=factures",
                "replyTo=compta@acme.test\nBcc: victim@evil.test",
                "replyTo=compta@acme.test, victim@evil.test",
                "replyTo=group: a@b.test;"
            })
    void headerInjectionInTheSettingsIsRefusedAndNothingIsSent(String setting) {
        String[] kv = setting.split("=", 2);
        Map<String, Object> settings = new HashMap<>(Deliveries.invoice("x").settings());
        settings.put(kv[0], kv[1]);

        assertThatThrownBy(
                        () ->
                                channel()
                                        .send(
                                                Deliveries.invoice("dlv-9")
                                                        .language("en")
                                                        .settings(settings)
                                                        .delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage()).startsWith("Invalid mail setting " + kv[0]);
                        });
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aTooLongDisplayNameIsRefused() {
        Map<String, Object> settings = Map.of(DossierMailSettings.DISPLAY_NAME, "A".repeat(101));
        assertThatThrownBy(
                        () ->
                                channel()
                                        .send(
                                                Deliveries.invoice("dlv-10")
                                                        .settings(settings)
                                                        .delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse());
    }

    @Test
    void aDossierNameWithALineBreakIsRefused() {
        assertThatThrownBy(
                        () ->
                                channel()
                                        .send(
                                                Deliveries.invoice("dlv-11")
                                                        .settings(Map.of())
                                                        .sender("ACME\r\nBcc: x@evil.test")
                                                        .delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse());
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRecipientWithoutAddressIsAPermanentFailure() {
        assertThatThrownBy(
                        () ->
                                channel()
                                        .send(
                                                Deliveries.invoice("dlv-12")
                                                        .language("en")
                                                        .emails(List.of())
                                                        .delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage())
                                    .isEqualTo("The customer has no e-mail address.");
                        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"client", "client@customer.test\r\nBcc: x@evil.test", "a@b.test, c@d.test"})
    void anInvalidRecipientAddressIsAPermanentFailure(String address) {
        assertThatThrownBy(
                        () ->
                                channel()
                                        .send(
                                                Deliveries.invoice("dlv-13")
                                                        .emails(List.of(address))
                                                        .delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse());
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMailOverTheSizeLimitIsAPermanentFailure() {
        Map<String, Object> values = platform(GREEN_MAIL.getSmtp().getPort());
        values.put("maxMessageBytes", 100_000);
        MailChannel small = new MailChannel(Settings.mail(values));
        assertThatThrownBy(() -> small.send(Deliveries.invoice("dlv-14").delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse());
    }

    @Test
    void aServerThatIsDownIsATransientFailure() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        MailChannel down = new MailChannel(Settings.mail(platform(closed)));
        assertThatThrownBy(() -> down.send(Deliveries.invoice("dlv-15").delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isTrue());
    }

    @Test
    void refusedCredentialsAreAPermanentFailure() {
        Map<String, Object> values = platform(GREEN_MAIL.getSmtp().getPort());
        values.put("_smtpPassword", "wrong");
        MailChannel refused = new MailChannel(Settings.mail(values));
        assertThatThrownBy(() -> refused.send(Deliveries.invoice("dlv-16").delivery()))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> {
                            assertThat(e.transientFailure()).isFalse();
                            assertThat(e.getMessage()).doesNotContain("wrong");
                        });
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "550 5.1.1 <client@customer.test>: Recipient address rejected: User unknown|false",
                "451 4.7.1 Greylisted, please try again later|true"
            })
    void aRecipientRefusalIsPermanentFor5xxAndTransientFor4xx(String reply, boolean transientOne)
            throws Exception {
        try (RefusingSmtpServer server = new RefusingSmtpServer(reply)) {
            Map<String, Object> values = platform(server.port());
            values.put("smtpUser", "");
            MailChannel channel = new MailChannel(Settings.mail(values));
            assertThatThrownBy(() -> channel.send(Deliveries.invoice("dlv-17").delivery()))
                    .isInstanceOfSatisfying(
                            DeliveryException.class,
                            e -> {
                                assertThat(e.transientFailure()).isEqualTo(transientOne);
                                assertThat(e.getMessage()).contains(reply.substring(0, 3));
                            });
        }
    }

    @Test
    void itReachesACustomerWithValidAddressesOnly() {
        MailChannel channel = channel();
        assertThat(channel.reaches(recipient(List.of("client@customer.test")))).isTrue();
        assertThat(channel.reaches(recipient(List.of("a@b.test", " ", "c@d.test")))).isTrue();
        assertThat(channel.reaches(recipient(List.of()))).isFalse();
        assertThat(channel.reaches(recipient(List.of(" ")))).isFalse();
        assertThat(channel.reaches(recipient(List.of("a@b.test", "not an address")))).isFalse();
        assertThat(channel.reaches(null)).isFalse();
    }

    private static Recipient recipient(List<String> emails) {
        return new Recipient("Client SA", emails, null);
    }
}
