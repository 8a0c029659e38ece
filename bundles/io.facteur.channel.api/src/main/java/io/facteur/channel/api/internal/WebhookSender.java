package io.facteur.channel.api.internal;

import io.facteur.api.InvoiceChanges;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link WebhookDispatcher} on one thread of its own, every {@code pollMillis}, and
 * forgets expired idempotency keys hourly. Stopped on deactivation: an event being sent then stays
 * claimed for a few timeouts and is sent again afterwards, never lost.
 */
// immediate, and no service: nothing calls it, it must run as soon as it is satisfied
@Component(
        service = {},
        immediate = true,
        configurationPid = ApiChannelSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class WebhookSender {
    private static final Duration PURGE = Duration.ofHours(1);
    private final Logger logger = LoggerFactory.getLogger(WebhookSender.class);
    private final WebhookDispatcher dispatcher;
    private final Idempotency keys;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "facteur-api-webhooks");
                        t.setDaemon(true);
                        return t;
                    });
    private Instant purged = Instant.EPOCH;

    @Activate
    public WebhookSender(
            @Reference ChannelDatabase database,
            @Reference InvoiceChanges feed,
            ApiChannelSettings settings) {
        this.dispatcher =
                new WebhookDispatcher(database, feed, WebhookDispatcher.Policy.of(settings));
        this.keys = new Idempotency(database);
        executor.scheduleWithFixedDelay(
                this::pollLogged, 0, settings.pollMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        executor.shutdownNow();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            logger.warn("Webhook sender did not stop within 30 s");
        }
    }

    private void pollLogged() {
        try {
            dispatcher.poll();
            Instant now = Instant.now();
            if (purged.plus(PURGE).isBefore(now)) {
                purged = now;
                keys.purge(now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            logger.warn("Webhook events not processed, tried again soon: {}", e.toString());
        }
    }
}
