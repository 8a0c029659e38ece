package io.facteur.export.http.internal;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The HTTP clients of the connectors, one per distinct setup (timeout, extra trusted certificates),
 * shared by every connector and send with that setup so that connections are kept alive and reused.
 * A client unused for a while is forgotten (closed where the JDK can close one); all are at
 * deactivation.
 */
final class Clients implements AutoCloseable {
    /** What makes two connectors need different clients. */
    private record Setup(int timeoutSeconds, String extraCa) {}

    private record Held(HttpClient client, AtomicLong lastUsed) {}

    private final Map<Setup, Held> clients = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final LongSupplier clock;
    private final AtomicLong nextSweep;

    Clients(Duration idle, LongSupplier clock) {
        this.idleNanos = idle.toNanos();
        this.clock = clock;
        this.nextSweep = new AtomicLong(clock.getAsLong() + idleNanos);
    }

    Clients() {
        this(Duration.ofMinutes(5), System::nanoTime);
    }

    /** The client for this endpoint's setup, built on first use. */
    HttpClient client(Endpoint endpoint) throws Refusal {
        long now = clock.getAsLong();
        sweep(now);
        Setup setup = new Setup(endpoint.timeoutSeconds(), endpoint.extraCa());
        Held held = clients.get(setup);
        if (held == null) {
            // built outside computeIfAbsent: parsing the PEM may refuse it
            Held built = new Held(build(setup), new AtomicLong(now));
            held = clients.putIfAbsent(setup, built);
            if (held == null) {
                held = built;
            } else {
                close(built.client());
            }
        }
        held.lastUsed().set(now);
        return held.client();
    }

    /** How many clients are held. */
    int size() {
        return clients.size();
    }

    private static HttpClient build(Setup setup) throws Refusal {
        HttpClient.Builder builder =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(setup.timeoutSeconds()));
        if (!setup.extraCa().isEmpty()) {
            try {
                builder.sslContext(ExtraTrust.parse(setup.extraCa()).context());
            } catch (GeneralSecurityException e) {
                throw new Refusal("settings.extraCa.unusable", false, e, e.getClass().getName());
            }
        }
        return builder.build();
    }

    private void sweep(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + idleNanos / 4)) {
            return;
        }
        clients.entrySet()
                .removeIf(
                        e -> {
                            boolean idle = now - e.getValue().lastUsed().get() > idleNanos;
                            if (idle) {
                                close(e.getValue().client());
                            }
                            return idle;
                        });
    }

    @Override
    public void close() {
        clients.values().forEach(h -> close(h.client()));
        clients.clear();
    }

    /** Closes a client on a JDK where clients can be closed (21 on); on 17 it is forgotten. */
    private static void close(HttpClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // a client that fails to close is forgotten all the same
            }
        }
    }
}
