package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facteur.channel.api.internal.Outbox.Event;
import io.facteur.channel.api.internal.Receiver.Received;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender against a real HTTP receiver on a loopback port (so private targets are allowed, as an
 * admin would for a receiver inside the network).
 */
class WebhookDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WebhookTargets LOOPBACK = new WebhookTargets(true, true);

    @RegisterExtension final TestDerby derby = new TestDerby();
    private final ListFeed feed = new ListFeed();
    private final Receiver receiver = new Receiver();
    private ChannelDatabase database;
    private Webhooks webhooks;
    private Outbox outbox;

    @BeforeEach
    void start() throws Exception {
        database = new ChannelDatabase(derby.dataSource());
        webhooks = new Webhooks(database);
        outbox = new Outbox(database);
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookDispatcher dispatcher(Duration giveUp, WebhookTargets targets) throws Exception {
        WebhookDispatcher d =
                new WebhookDispatcher(
                        database,
                        feed,
                        new WebhookDispatcher.Policy(
                                Duration.ofMillis(100),
                                Duration.ofMillis(400),
                                giveUp,
                                Duration.ofSeconds(2),
                                targets));
        d.poll(); // the first poll sets the cursor at the head of the feed
        return d;
    }

    private WebhookDispatcher dispatcher() throws Exception {
        return dispatcher(Duration.ofMinutes(5), LOOPBACK);
    }

    private Webhooks.Signed register(String keyId, String path) throws Exception {
        return webhooks.register("acme", keyId, receiver.url(path), "test", 5).orElseThrow();
    }

    @Test
    void eachChangeOfTheKeysInvoicesArrivesSignedAndVerifiable() throws Exception {
        WebhookDispatcher d = dispatcher();
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        feed.add("acme", "inv-2", "RECEIVED", "key k2"); // another key's invoice
        feed.add("other", "inv-3", "RECEIVED", "key k1"); // another dossier
        feed.add("acme", "inv-1", "READY", "key k1");

        pollUntil(d, () -> receiver.received.size() == 2);
        d.poll();
        assertThat(receiver.received).hasSize(2);
        Received first = receiver.received.get(0);
        Received second = receiver.received.get(1);
        for (Received r : List.of(first, second)) {
            assertThat(r.path()).isEqualTo("/hooks/k1");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(verified(hook.secret(), r)).isTrue();
            assertThat(verified("whsec_wrong", r)).isFalse();
        }
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.get("type").asText()).isEqualTo("invoice.status");
        assertThat(body.get("dossier").asText()).isEqualTo("acme");
        assertThat(body.get("invoice").asText()).isEqualTo("inv-1");
        assertThat(body.get("number").asText()).isEqualTo("F-inv-1");
        assertThat(body.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(body.get("reason").isNull()).isTrue();
        assertThat(Instant.parse(body.get("at").asText())).isBefore(Instant.now());
        assertThat(body.get("id").asText()).isEqualTo(first.header("Facteur-Event-Id"));
        assertThat(JSON.readTree(second.body()).get("status").asText()).isEqualTo("READY");
        assertThat(outbox.of(hook.webhook().id(), Outbox.DELIVERED, 10))
                .extracting(Event::attempts)
                .containsExactly(1, 1);
    }

    @Test
    void aDossierWideWebhookGetsEveryChangeOfTheDossierAfterItsRegistration() throws Exception {
        WebhookDispatcher d = dispatcher();
        feed.add("acme", "inv-0", "RECEIVED", "key k1");
        d.poll(); // read before any webhook: for nobody
        Thread.sleep(5);
        register(null, "/hooks/all");
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        feed.add("acme", "inv-2", "RECEIVED", "user admin");
        pollUntil(d, () -> receiver.received.size() == 2);
        assertThat(receiver.received)
                .extracting(r -> JSON.readTree(r.body()).get("invoice").asText())
                .containsExactly("inv-1", "inv-2");
    }

    @Test
    void aFailedSendIsRetriedAndTheEventArrivesOnce() throws Exception {
        WebhookDispatcher d = dispatcher();
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        receiver.statuses.add(500);
        feed.add("acme", "inv-1", "RECEIVED", "key k1");

        pollUntil(d, () -> receiver.received.size() == 2);
        d.poll();
        assertThat(receiver.received).hasSize(2);
        assertThat(receiver.received.get(0).body()).isEqualTo(receiver.received.get(1).body());
        Event event = outbox.of(hook.webhook().id(), null, 10).get(0);
        assertThat(event.state()).isEqualTo(Outbox.DELIVERED);
        assertThat(event.attempts()).isEqualTo(2);
        assertThat(event.lastStatus()).isEqualTo(200);
    }

    @Test
    void afterAnOutageEveryEventArrivesOnceInOrder() throws Exception {
        WebhookDispatcher d = dispatcher();
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        receiver.stop();
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        feed.add("acme", "inv-1", "READY", "key k1");
        for (int i = 0; i < 5; i++) {
            d.poll();
            Thread.sleep(100);
        }
        List<Event> waiting = outbox.of(hook.webhook().id(), Outbox.PENDING, 10);
        assertThat(waiting).hasSize(2);
        assertThat(waiting.get(1).lastError()).startsWith("UNREACHABLE|");

        receiver.start();
        pollUntil(d, () -> receiver.received.size() == 2);
        Thread.sleep(500);
        d.poll();
        assertThat(receiver.received)
                .extracting(r -> JSON.readTree(r.body()).get("status").asText())
                .containsExactly("RECEIVED", "READY");
        assertThat(outbox.of(hook.webhook().id(), Outbox.DELIVERED, 10)).hasSize(2);
    }

    @Test
    void anEventNeverAcceptedIsGivenUpWithItsLastStatus() throws Exception {
        WebhookDispatcher d = dispatcher(Duration.ofMillis(800), LOOPBACK);
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        for (int i = 0; i < 100; i++) {
            receiver.statuses.add(503);
        }
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        pollUntil(d, () -> !outbox.of(hook.webhook().id(), Outbox.FAILED, 10).isEmpty());
        Event failed = outbox.of(hook.webhook().id(), Outbox.FAILED, 10).get(0);
        assertThat(failed.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(failed.lastStatus()).isEqualTo(503);
        assertThat(failed.lastError()).isEqualTo("HTTP_STATUS|503");
        assertThat(outbox.lastFinished(hook.webhook().id(), null)).contains(failed);
        int tries = receiver.received.size();
        Thread.sleep(300);
        d.poll();
        assertThat(receiver.received).hasSize(tries);
        assertThat(WebhooksResource.error(failed.lastError(), Texts.of(java.util.Locale.GERMAN)))
                .isEqualTo("Der Empfänger antwortete mit HTTP 503.");
    }

    @Test
    void aTargetThatBecamePrivateIsNotCalled() throws Exception {
        // registered while private targets were allowed, then the admin disallowed them
        WebhookDispatcher d = dispatcher(Duration.ofMinutes(5), new WebhookTargets(true, false));
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        d.poll();
        assertThat(receiver.received).isEmpty();
        Event event = outbox.of(hook.webhook().id(), null, 10).get(0);
        assertThat(event.state()).isEqualTo(Outbox.PENDING);
        assertThat(event.lastError()).isEqualTo("URL_REFUSED|127.0.0.1");
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        WebhookDispatcher d = dispatcher();
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        receiver.statuses.add(302);
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        d.poll();
        assertThat(receiver.received).extracting(Received::path).containsExactly("/hooks/k1");
        assertThat(outbox.of(hook.webhook().id(), null, 10).get(0).lastError())
                .isEqualTo("HTTP_STATUS|302");
    }

    @Test
    void eventsWrittenBeforeARestartAreSentByTheNextSenderAndNeverWrittenTwice() throws Exception {
        WebhookDispatcher before = dispatcher();
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        before.read(); // written to the outbox, then the node stops before sending

        WebhookDispatcher after = dispatcher();
        after.poll();
        pollUntil(after, () -> receiver.received.size() == 1);
        assertThat(outbox.of(hook.webhook().id(), null, 10)).hasSize(1);
        assertThat(before.read()).isZero();
    }

    @Test
    void aDeletedWebhookGetsNothingMore() throws Exception {
        WebhookDispatcher d = dispatcher();
        Webhooks.Signed hook = register("k1", "/hooks/k1");
        receiver.stop();
        feed.add("acme", "inv-1", "RECEIVED", "key k1");
        d.poll();
        assertThat(webhooks.delete("acme", hook.webhook().id(), "k2")).isFalse();
        assertThat(webhooks.delete("acme", hook.webhook().id(), "k1")).isTrue();
        receiver.start();
        Thread.sleep(300);
        d.poll();
        assertThat(receiver.received).isEmpty();
        assertThat(outbox.of(hook.webhook().id(), null, 10)).isEmpty();
    }

    /** Checks the signature as a receiver would, without the production code. */
    private static boolean verified(String secret, Received r) throws Exception {
        String header = r.header("Facteur-Signature");
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t))).isLessThan(60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(r.body());
        return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
    }

    private static void pollUntil(WebhookDispatcher d, Callable<Boolean> done) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.call()) {
            assertThat(System.nanoTime()).as("waited 15 s").isLessThan(end);
            d.poll();
            Thread.sleep(50);
        }
    }
}
