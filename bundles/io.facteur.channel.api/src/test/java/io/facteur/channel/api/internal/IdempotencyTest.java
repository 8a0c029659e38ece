package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.channel.api.internal.Idempotency.Claim;
import io.facteur.channel.api.internal.Idempotency.InProgress;
import io.facteur.channel.api.internal.Idempotency.Proceed;
import io.facteur.channel.api.internal.Idempotency.Replay;
import io.facteur.channel.api.internal.Idempotency.Reused;
import io.facteur.channel.api.internal.Idempotency.Stored;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdempotencyTest {
    private static final Duration DAY = Duration.ofHours(24);
    private static final String BODY = Idempotency.sha256("<Invoice/>");
    private static final String OTHER = Idempotency.sha256("<Invoice>2</Invoice>");

    @RegisterExtension final TestDerby derby = new TestDerby();
    private Idempotency keys;
    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @BeforeEach
    void open() throws Exception {
        keys = new Idempotency(new ChannelDatabase(derby.dataSource()));
    }

    @Test
    void theFirstRequestProceedsAndItsAnswerIsReplayedForTheSameBody() throws Exception {
        Claim first = keys.claim("k1", "acme", "order-42", BODY, now, DAY);
        assertThat(first).isInstanceOf(Proceed.class);
        assertThat(keys.claim("k1", "acme", "order-42", BODY, now.plusSeconds(1), DAY))
                .isInstanceOf(InProgress.class);

        Stored answer =
                new Stored(
                        202,
                        "application/json",
                        "http://localhost/api/dossiers/acme/invoices/inv-1",
                        "{\"id\":\"inv-1\",\"outcome\":\"ACCEPTED\"}");
        keys.complete(((Proceed) first).scope(), answer);

        Claim again = keys.claim("k1", "acme", "order-42", BODY, now.plusSeconds(60), DAY);
        assertThat(again).isEqualTo(new Replay(answer));
        assertThat(keys.claim("k1", "acme", "order-42", OTHER, now.plusSeconds(60), DAY))
                .isInstanceOf(Reused.class);
    }

    @Test
    void aKeyIsScopedToItsCallerAndDossier() throws Exception {
        assertThat(keys.claim("k1", "acme", "same", BODY, now, DAY)).isInstanceOf(Proceed.class);
        assertThat(keys.claim("k2", "acme", "same", BODY, now, DAY)).isInstanceOf(Proceed.class);
        assertThat(keys.claim("k1", "other", "same", BODY, now, DAY)).isInstanceOf(Proceed.class);
    }

    @Test
    void aFailedRequestReleasesItsKey() throws Exception {
        Proceed first = (Proceed) keys.claim("k1", "acme", "retry-me", BODY, now, DAY);
        keys.forget(first.scope());
        assertThat(keys.claim("k1", "acme", "retry-me", OTHER, now, DAY))
                .isInstanceOf(Proceed.class);
    }

    @Test
    void keysExpireAndAbandonedClaimsAreTakenOver() throws Exception {
        Proceed done = (Proceed) keys.claim("k1", "acme", "old", BODY, now, Duration.ofHours(1));
        keys.complete(done.scope(), new Stored(202, null, null, "{}"));
        assertThat(keys.claim("k1", "acme", "old", OTHER, now.plus(Duration.ofMinutes(59)), DAY))
                .isInstanceOf(Reused.class);
        assertThat(keys.claim("k1", "acme", "old", OTHER, now.plus(Duration.ofHours(1)), DAY))
                .isInstanceOf(Proceed.class);

        keys.claim("k1", "acme", "abandoned", BODY, now, DAY);
        assertThat(keys.claim("k1", "acme", "abandoned", BODY, now.plusSeconds(599), DAY))
                .isInstanceOf(InProgress.class);
        assertThat(keys.claim("k1", "acme", "abandoned", BODY, now.plusSeconds(601), DAY))
                .isInstanceOf(Proceed.class);
    }

    @Test
    void purgeDeletesOnlyExpiredKeys() throws Exception {
        keys.claim("k1", "acme", "short", BODY, now, Duration.ofHours(1));
        Proceed kept = (Proceed) keys.claim("k1", "acme", "long", BODY, now, DAY);
        keys.complete(kept.scope(), new Stored(202, null, null, "{}"));
        assertThat(keys.purge(now.plus(Duration.ofHours(2)))).isEqualTo(1);
        assertThat(keys.claim("k1", "acme", "long", OTHER, now.plus(Duration.ofHours(2)), DAY))
                .isInstanceOf(Reused.class);
    }

    @Test
    void anAnswerTooLargeToKeepIsNotRemembered() throws Exception {
        Proceed first = (Proceed) keys.claim("k1", "acme", "big", BODY, now, DAY);
        keys.complete(
                first.scope(),
                new Stored(
                        202, "application/json", null, "x".repeat(Idempotency.MAX_BODY_CHARS + 1)));
        assertThat(keys.claim("k1", "acme", "big", BODY, now, DAY)).isInstanceOf(Proceed.class);
    }

    @Test
    void ofConcurrentFirstRequestsExactlyOneProceeds() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<Claim> claim =
                    () -> {
                        start.await();
                        return keys.claim("k1", "acme", "race", BODY, now, DAY);
                    };
            claims.add(pool.submit(claim));
        }
        start.countDown();
        int proceeded = 0;
        for (Future<Claim> f : claims) {
            Claim c = f.get();
            if (c instanceof Proceed) {
                proceeded++;
            } else {
                assertThat(c).isInstanceOf(InProgress.class);
            }
        }
        pool.shutdown();
        assertThat(proceeded).isEqualTo(1);
    }
}
