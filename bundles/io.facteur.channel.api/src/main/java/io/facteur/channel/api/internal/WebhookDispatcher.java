package io.facteur.channel.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facteur.api.InvoiceChanges;
import io.facteur.api.InvoiceChanges.Change;
import io.facteur.channel.api.internal.Outbox.Event;
import io.facteur.channel.api.internal.Webhooks.Signed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the core's status changes into webhook events and sends them: reads the feed after the
 * channel's cursor, writes one event per (webhook, change) in the outbox with the cursor, then
 * sends the due events, signed, each at most once at a time; a failed send is tried again with
 * exponential backoff (the webhook's later events wait with it) until the give-up time, when the
 * event is {@code FAILED} with its last status and error.
 */
final class WebhookDispatcher {
    private static final int BATCH = 200;
    private static final int MAX_REASON = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How events are sent.
     *
     * @param firstRetry the wait after the first failed send, doubled after each
     * @param maxRetry the longest wait between two sends
     * @param giveUp how long after it was written an event is given up
     * @param timeout the connect and answer timeout of one send
     * @param targets which URLs may be called
     */
    record Policy(
            Duration firstRetry,
            Duration maxRetry,
            Duration giveUp,
            Duration timeout,
            WebhookTargets targets) {
        static Policy of(ApiChannelSettings s) {
            return new Policy(
                    Duration.ofSeconds(s.firstRetrySeconds()),
                    Duration.ofSeconds(s.maxRetrySeconds()),
                    Duration.ofHours(s.giveUpHours()),
                    Duration.ofSeconds(s.timeoutSeconds()),
                    WebhookTargets.of(s));
        }

        /** The wait after the n-th failed send (n from 1). */
        Duration backoff(int failures) {
            Duration wait = firstRetry;
            for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
        }
    }

    private final Logger logger = LoggerFactory.getLogger(WebhookDispatcher.class);
    private final SecureRandom random = new SecureRandom();
    private final InvoiceChanges feed;
    private final Webhooks webhooks;
    private final Outbox outbox;
    private final Policy policy;
    private final HttpClient client;

    WebhookDispatcher(ChannelDatabase database, InvoiceChanges feed, Policy policy) {
        this.feed = feed;
        this.webhooks = new Webhooks(database);
        this.outbox = new Outbox(database);
        this.policy = policy;
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(policy.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** Reads the feed, then sends what is due. */
    void poll() throws SQLException, InterruptedException {
        while (read() == BATCH) {
            // a long backlog: read on
        }
        send();
    }

    /**
     * Writes the events of the changes after the cursor, one batch.
     *
     * @return how many changes were read
     */
    int read() throws SQLException {
        var cursor = outbox.cursor();
        if (cursor.isEmpty()) {
            outbox.start(feed.head());
            return 0;
        }
        long from = cursor.getAsLong();
        List<Change> changes = feed.after(from, BATCH);
        if (changes.isEmpty()) {
            return 0;
        }
        Map<String, List<Signed>> byDossier = new HashMap<>();
        List<Event> events = new ArrayList<>();
        Instant now = Instant.now();
        for (Change change : changes) {
            List<Signed> hooks = byDossier.get(change.dossier());
            if (hooks == null) {
                hooks = webhooks.signed(change.dossier());
                byDossier.put(change.dossier(), hooks);
            }
            for (Signed hook : hooks) {
                if (hook.webhook()
                        .wants(change.sourceChannel(), change.sourceDetail(), change.at())) {
                    events.add(event(hook, change, now));
                }
            }
        }
        long to = changes.get(changes.size() - 1).seq();
        return outbox.append(from, to, events) ? changes.size() : 0;
    }

    private Event event(Signed hook, Change change, Instant now) {
        String id = "evt_" + HexFormat.of().formatHex(bytes());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", "invoice.status");
        body.put("dossier", change.dossier());
        body.put("invoice", change.invoiceId());
        body.put("number", blank(change.number(), 200));
        body.put("status", change.status());
        body.put("reason", blank(change.reason(), MAX_REASON));
        body.put("at", change.at().toString());
        try {
            return new Event(
                    id,
                    hook.webhook().id(),
                    change.seq(),
                    change.invoiceId(),
                    change.status(),
                    JSON.writeValueAsString(body),
                    Outbox.PENDING,
                    0,
                    now,
                    now,
                    null,
                    null,
                    null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings is always JSON", e);
        }
    }

    /**
     * Sends the due events, in order; after a failure the webhook's other events wait.
     *
     * @return how many were delivered
     */
    int send() throws SQLException, InterruptedException {
        int delivered = 0;
        Set<String> failing = new HashSet<>();
        for (Event e : outbox.due(Instant.now(), 100)) {
            if (failing.contains(e.webhookId())) {
                continue;
            }
            Instant now = Instant.now();
            if (!outbox.claim(e, now.plus(policy.timeout().multipliedBy(3)))) {
                continue; // another node sends it
            }
            var hook = webhooks.byId(e.webhookId());
            if (hook.isEmpty()) {
                outbox.drop(e.id());
                continue;
            }
            if (deliver(e, hook.get())) {
                delivered++;
            } else {
                failing.add(e.webhookId());
            }
        }
        return delivered;
    }

    private boolean deliver(Event e, Signed hook) throws SQLException, InterruptedException {
        Integer status = null;
        String error;
        try {
            URI uri = policy.targets().parse(hook.webhook().url());
            policy.targets().check(uri); // again now: the host's addresses may have changed
            byte[] body = e.payload().getBytes(StandardCharsets.UTF_8);
            long t = Instant.now().getEpochSecond();
            HttpRequest request =
                    HttpRequest.newBuilder(uri)
                            .timeout(policy.timeout())
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "Facteur-Webhooks/1")
                            .header("Facteur-Event-Id", e.id())
                            .header(Signature.HEADER, Signature.header(hook.secret(), t, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close(); // the answer's body is not read
            status = response.statusCode();
            if (status / 100 == 2) {
                Instant now = Instant.now();
                outbox.attempted(e.id(), Outbox.DELIVERED, now, status, null, now);
                return true;
            }
            error = "HTTP_STATUS|" + status;
        } catch (WebhookTargets.Refused r) {
            error = "URL_REFUSED|" + r.argument;
        } catch (HttpTimeoutException x) {
            error = "TIMEOUT|" + policy.timeout().toSeconds();
        } catch (IOException | IllegalArgumentException x) {
            error = "UNREACHABLE|" + x.getClass().getSimpleName();
        }
        failed(e, status, error);
        return false;
    }

    private void failed(Event e, Integer status, String error) throws SQLException {
        Instant now = Instant.now();
        Instant deadline = e.createdAt().plus(policy.giveUp());
        if (!now.isBefore(deadline)) {
            outbox.attempted(e.id(), Outbox.FAILED, now, status, error, now);
            logger.warn(
                    "Webhook {} gave up event {} of invoice {} after {} tries: {}",
                    e.webhookId(),
                    e.id(),
                    e.invoiceId(),
                    e.attempts() + 1,
                    error);
            return;
        }
        Instant next = now.plus(policy.backoff(e.attempts() + 1));
        if (next.isAfter(deadline)) {
            next = deadline;
        }
        outbox.attempted(e.id(), Outbox.PENDING, now, status, error, next);
        outbox.hold(e.webhookId(), next);
        logger.debug(
                "Webhook {} event {} not delivered ({}), next at {}",
                e.webhookId(),
                e.id(),
                error,
                next);
    }

    private static String blank(String s, int max) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        return s.length() > max ? s.substring(0, max) : s;
    }

    private byte[] bytes() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return b;
    }
}
