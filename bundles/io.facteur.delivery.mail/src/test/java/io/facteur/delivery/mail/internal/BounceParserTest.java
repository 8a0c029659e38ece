package io.facteur.delivery.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads the bounce notices of the common mail servers, without a mailbox. */
class BounceParserTest {

    private final BounceParser parser =
            new BounceParser(new Verp("bounces@facteur.test"), 1024 * 1024);

    static MimeMessage resource(String name) throws Exception {
        try (InputStream in = BounceParserTest.class.getResourceAsStream("/bounces/" + name)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private Bounce parse(String name) throws Exception {
        Optional<Bounce> bounce = parser.parse(resource(name));
        assertThat(bounce).as(name).isPresent();
        return bounce.get();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "postfix-5.1.1.eml|dlv-postfix|<dlv-postfix.0a1b2c3d4e5f60718293a4b5@facteur.test>|5.1.1|User unknown in local recipient table",
                "gmail-5.1.1.eml|-|<dlv-gmail.ffeeddccbbaa998877665544@facteur.test>|5.1.1|The email account that you tried to reach does not exist",
                "exim-550.eml|dlv-exim|<dlv-exim.112233445566778899aabbcc@facteur.test>|5.2.1|mailbox disabled",
                "qmail.eml|dlv-qmail|<dlv-qmail.aabbccddeeff001122334455@facteur.test>|5.1.1|no mailbox here by that name",
                "ghost-5.1.1.eml|dlv-ghost|-|5.1.1|user unknown",
                "foreign-5.1.1.eml|-|-|5.1.1|user unknown",
                "exchange-online-5.1.10.eml|dlv-exo|<dlv-exo.5f0c1d2e3a4b5c6d7e8f9a0b@facteur.test>|5.1.10|RESOLVER.ADR.RecipientNotFound; Recipient client@customer.test not found by SMTP address lookup",
                "exchange2010-5.1.1.eml|dlv-exch2010|<dlv-exch2010.9c8b7a6f5e4d3c2b1a0f9e8d@facteur.test>|5.1.1|RESOLVER.ADR.RecipNotFound; not found"
            })
    void aPermanentFailureNamesItsDeliveryStatusAndDiagnostic(
            String file, String deliveryId, String messageId, String status, String diagnostic)
            throws Exception {
        Bounce bounce = parse(file);

        assertThat(bounce.permanent()).isTrue();
        assertThat(bounce.deliveryId()).isEqualTo(deliveryId);
        assertThat(bounce.messageId()).isEqualTo(messageId);
        assertThat(bounce.status()).isEqualTo(status);
        assertThat(bounce.reason()).startsWith(status).contains(diagnostic).doesNotContain("\n");
    }

    @ParameterizedTest
    @CsvSource({
        "delayed-4.4.7.eml,dlv-delayed,4.4.7",
        "exim-delay.eml,dlv-eximdelay,4.7.1",
        "exchange-delay-4.4.7.eml,dlv-exdelay,4.4.7"
    })
    void aDelayNoticeIsNoBounce(String file, String deliveryId, String status) throws Exception {
        Bounce bounce = parse(file);

        assertThat(bounce.permanent()).isFalse();
        assertThat(bounce.deliveryId()).isEqualTo(deliveryId);
        assertThat(bounce.status()).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "exchange-online-5.1.10.eml|5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient client@customer.test not found by SMTP address lookup",
                "exchange2010-5.1.1.eml|5.1.1 RESOLVER.ADR.RecipNotFound; not found"
            })
    void anExchangeNonDeliveryReportGivesTheServersReason(String file, String reason)
            throws Exception {
        assertThat(parse(file).reason()).isEqualTo(reason);
    }

    /**
     * The notice as some gateways pass it on: without the parts of the given types (the report, the
     * returned message or headers), so that only its human-readable text is left to read.
     */
    private static MimeMessage without(String name, String... types) throws Exception {
        String raw;
        try (InputStream in = BounceParserTest.class.getResourceAsStream("/bounces/" + name)) {
            raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        String boundary = new ContentType(resource(name).getContentType()).getParameter("boundary");
        String[] sections = raw.split(Pattern.quote("\n--" + boundary), -1);
        StringBuilder kept = new StringBuilder(sections[0]);
        int dropped = 0;
        for (int i = 1; i < sections.length; i++) {
            String head = sections[i].toLowerCase(Locale.ROOT);
            head = head.substring(0, Math.max(0, head.indexOf("\n\n")));
            boolean drop = false;
            for (String type : types) {
                drop |= head.contains("content-type: " + type);
            }
            if (drop) {
                dropped++;
            } else {
                kept.append("\n--").append(boundary).append(sections[i]);
            }
        }
        assertThat(dropped).as(name).isEqualTo(types.length);
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(
                        kept.toString().getBytes(StandardCharsets.ISO_8859_1)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // HTML only: the first line naming the code is the reason
                "exchange-online-5.1.10.eml|dlv-exo|5.1.10|true|5.1.10 Status code: 550 5.1.10",
                "exchange2010-5.1.1.eml|dlv-exch2010|5.1.1|true|5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
                "exchange-delay-4.4.7.eml|dlv-exdelay||false|"
            })
    void withoutItsReportPartAnExchangeNoticeIsReadFromItsText(
            String file, String deliveryId, String status, boolean permanent, String reason)
            throws Exception {
        Bounce bounce = parser.parse(without(file, "message/delivery-status")).orElseThrow();

        assertThat(bounce.permanent()).isEqualTo(permanent);
        assertThat(bounce.deliveryId()).isEqualTo(deliveryId);
        assertThat(bounce.status()).isEqualTo(status == null ? "" : status);
        if (permanent) {
            assertThat(bounce.reason()).isEqualTo(reason);
        }
    }

    @Test
    void anExchangeOnlineNoticeReducedToItsHtmlStillNamesOurMessage() throws Exception {
        // no bounce address, no report, no returned headers: only the HTML quotes the Message-ID
        Bounce bounce =
                new BounceParser(null, 1024 * 1024)
                        .parse(
                                without(
                                        "exchange-online-5.1.10.eml",
                                        "message/delivery-status",
                                        "text/rfc822-headers"))
                        .orElseThrow();
        assertThat(bounce.permanent()).isTrue();
        assertThat(bounce.status()).isEqualTo("5.1.10");
        assertThat(bounce.messageId()).isEqualTo("<dlv-exo.5f0c1d2e3a4b5c6d7e8f9a0b@facteur.test>");
    }

    @Test
    void htmlIsReadAsTextInOnePassWhateverItsMarkup() {
        assertThat(
                        BounceParser.htmlText(
                                "<html><head><STYLE>p { color: #000 }</STYLE></head><body>"
                                        + "<p>Sender:&nbsp;bounces&#43;dlv-1@facteur.test</p>"
                                        + "<pre>Message-ID: &lt;a.b@c&gt; &amp; &#x41;&#0;</pre>"
                                        + "<script>var x = '5.1.1';</script></body></html>"))
                .isEqualToIgnoringWhitespace(
                        "Sender: bounces+dlv-1@facteur.test Message-ID: <a.b@c> & A");
        // hostile notices: unclosed tags, sheets and scripts by the hundred thousand
        assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(2),
                () -> {
                    assertThat(BounceParser.htmlText("550 5.1.1 " + "<".repeat(1 << 20)))
                            .startsWith("550 5.1.1");
                    assertThat(BounceParser.htmlText("<style>".repeat(150_000))).isBlank();
                    assertThat(BounceParser.htmlText("<b>x</b>".repeat(150_000)))
                            .hasSizeGreaterThan(150_000);
                });
    }

    @Test
    void anOutOfOfficeReplyIsNoBounceNotice() throws Exception {
        assertThat(parser.parse(resource("vacation.eml"))).isEmpty();
    }

    @Test
    void withoutBounceAddressOnlyTheMessageIdNamesTheDelivery() throws Exception {
        Bounce bounce =
                new BounceParser(null, 1024 * 1024).parse(resource("postfix-5.1.1.eml")).get();
        assertThat(bounce.deliveryId()).isNull();
        assertThat(bounce.messageId())
                .isEqualTo("<dlv-postfix.0a1b2c3d4e5f60718293a4b5@facteur.test>");
    }

    @Test
    void anotherBounceAddressNamesNoDelivery() throws Exception {
        Bounce bounce =
                new BounceParser(new Verp("other@facteur.test"), 1024 * 1024)
                        .parse(resource("exim-550.eml"))
                        .get();
        assertThat(bounce.deliveryId()).isNull();
    }

    @Test
    void theVerpAddressRoundTrips() {
        Verp verp = new Verp("bounces@facteur.test");
        String envelope = verp.envelopeSender("0f8c2d1e-7b7a-4c1e-9d55-3a1b2c3d4e5f");
        assertThat(envelope).isEqualTo("bounces+0f8c2d1e-7b7a-4c1e-9d55-3a1b2c3d4e5f@facteur.test");
        assertThat(verp.deliveryIdIn("for <" + envelope + ">; Sat"))
                .contains("0f8c2d1e-7b7a-4c1e-9d55-3a1b2c3d4e5f");
        assertThat(verp.deliveryIdIn("xbounces+abc@facteur.test")).isEmpty();
        assertThat(verp.deliveryIdIn("bounces+abc@facteur.test.evil")).isEmpty();
        // an id that cannot stand in an address falls back on the plain bounce address
        assertThat(verp.envelopeSender("a b")).isEqualTo("bounces@facteur.test");
        assertThat(verp.envelopeSender("x".repeat(60))).isEqualTo("bounces@facteur.test");
    }

    @Test
    void aTruncatedReadStillParses() throws Exception {
        Optional<Bounce> bounce =
                new BounceParser(new Verp("bounces@facteur.test"), 200)
                        .parse(resource("postfix-5.1.1.eml"));
        assertThat(bounce).isPresent();
    }

    private static MimeMessage report(String deliveryStatus) throws Exception {
        String mail =
                "From: MAILER-DAEMON@mx.test\r\nTo: bounces+dlv-two@facteur.test\r\n"
                        + "Subject: Delivery Status Notification\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status;"
                        + " boundary=\"R\"\r\n\r\n--R\r\nContent-Type: text/plain\r\n\r\n"
                        + "Delivery to some recipients failed.\r\n--R\r\n"
                        + "Content-Type: message/delivery-status\r\n\r\n"
                        + deliveryStatus
                        + "\r\n--R--\r\n";
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(mail.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void oneFailedRecipientAmongDelayedOnesMakesABounce() throws Exception {
        Bounce bounce =
                parser.parse(
                                report(
                                        "Reporting-MTA: dns; mx.test\r\n\r\n"
                                                + "Final-Recipient: rfc822; a@c.test\r\n"
                                                + "Action: delayed\r\nStatus: 4.4.1\r\n\r\n"
                                                + "Final-Recipient: rfc822; b@c.test\r\n"
                                                + "Action: failed\r\nStatus: 5.7.1\r\n"
                                                + "Diagnostic-Code: smtp; 550 5.7.1 relaying denied\r\n"))
                        .get();
        assertThat(bounce.permanent()).isTrue();
        assertThat(bounce.deliveryId()).isEqualTo("dlv-two");
        assertThat(bounce.reason()).isEqualTo("5.7.1 relaying denied");
    }

    @Test
    void aReportWithoutPerMessageFieldsStillCounts() throws Exception {
        Bounce bounce =
                parser.parse(report("Final-Recipient: rfc822; b@c.test\r\n" + "Status: 5.1.2\r\n"))
                        .get();
        assertThat(bounce.permanent()).isTrue();
        assertThat(bounce.reason()).isEqualTo("5.1.2 b@c.test");
    }

    @Test
    void aSuccessReportIsNoBounce() throws Exception {
        Bounce bounce =
                parser.parse(
                                report(
                                        "Reporting-MTA: dns; mx.test\r\n\r\n"
                                                + "Final-Recipient: rfc822; b@c.test\r\n"
                                                + "Action: delivered\r\nStatus: 2.0.0\r\n"))
                        .get();
        assertThat(bounce.permanent()).isFalse();
    }
}
