package io.facteur.delivery.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryChannel.Receipt;
import io.facteur.api.DeliveryChannel.Status;
import io.facteur.api.DeliveryException;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server goes away and comes back: every failure meanwhile is transient, so that the core
 * retries, and the retried delivery arrives once, as it would have the first time.
 */
class MailChannelOutageTest {

    private final List<GreenMail> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(GreenMail::stop);
    }

    private GreenMail start(ServerSetup setup) {
        GreenMail server = new GreenMail(setup);
        servers.add(server);
        server.start();
        return server;
    }

    private static Map<String, Object> platform(int port, int timeoutSeconds) {
        Map<String, Object> values = new HashMap<>();
        values.put("smtpHost", "127.0.0.1");
        values.put("smtpPort", port);
        values.put("smtpSecurity", "NONE");
        values.put("connectTimeoutSeconds", timeoutSeconds);
        values.put("readTimeoutSeconds", timeoutSeconds);
        values.put("senderAddress", "noreply@facteur.test");
        values.put("bounceAddress", "bounces@facteur.test");
        return values;
    }

    @Test
    void duringAnOutageTheSendFailsTransientlyAndTheRetryArrivesOnceAfterRecovery()
            throws Exception {
        GreenMail before = start(ServerSetupTest.SMTP.dynamicPort());
        int port = before.getSmtp().getPort();
        MailChannel channel = new MailChannel(Settings.mail(platform(port, 2)));
        channel.send(Deliveries.invoice("dlv-before").delivery());
        assertThat(before.getReceivedMessages()).hasSize(1);

        // the server goes down; the port stays known to the channel
        before.stop();
        Delivery delivery = Deliveries.invoice("dlv-outage").delivery();
        long start = System.nanoTime();
        assertThatThrownBy(() -> channel.send(delivery))
                .isInstanceOfSatisfying(
                        DeliveryException.class,
                        e -> {
                            assertThat(e.transientFailure()).isTrue();
                            assertThat(e.getMessage()).isNotBlank();
                        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        // it comes back on the same port: the core's retry of the same delivery goes through
        GreenMail after = start(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        Receipt receipt = channel.send(delivery);

        assertThat(receipt.status()).isEqualTo(Status.SENT);
        assertThat(receipt.reference()).matches("<dlv-outage\\.[0-9a-f]{24}@facteur\\.test>");
        MimeMessage[] received = after.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getMessageID()).isEqualTo(receipt.reference());
        assertThat(mail.getHeader("Return-Path")[0]).contains("bounces+dlv-outage@facteur.test");
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("client@customer.test");
        assertThat(mail.getSubject()).isEqualTo("Facture F-2026-001 de ACME SARL");
        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(
                        new String(
                                mixed.getBodyPart(0).getInputStream().readAllBytes(),
                                StandardCharsets.UTF_8))
                .contains("facture F-2026-001", "15 décembre 2026", "234,50", "ACME SARL");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("EN16931_Einfach.pdf");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes())
                .isEqualTo(Corpus.bytes(Deliveries.PDF));
        // nothing else comes in later: the failed attempt left nothing to deliver
        assertThat(after.waitForIncomingEmail(500, 2)).isFalse();
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsATransientFailureWithinTheTimeout() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            MailChannel channel = new MailChannel(Settings.mail(platform(silent.port(), 1)));
            Delivery delivery = Deliveries.invoice("dlv-silent").delivery();

            long start = System.nanoTime();
            DeliveryException failure =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(15),
                            () -> {
                                try {
                                    channel.send(delivery);
                                    throw new AssertionError("a silent server took the mail");
                                } catch (DeliveryException e) {
                                    return e;
                                }
                            });
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure.transientFailure()).isTrue();
            assertThat(silent.accepted()).isGreaterThanOrEqualTo(1);
            // it waited for the greeting as long as the read timeout (1 s), not much longer
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** A server that accepts connections and never says a word, as a hung SMTP server does. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final Thread thread;

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread =
                    new Thread(
                            () -> {
                                while (!socket.isClosed()) {
                                    try {
                                        clients.add(socket.accept());
                                    } catch (IOException e) {
                                        return; // closed
                                    }
                                }
                            },
                            "silent-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return clients.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
