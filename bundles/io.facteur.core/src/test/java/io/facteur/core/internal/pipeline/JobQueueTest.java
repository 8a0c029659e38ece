package io.facteur.core.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Inbox.Source;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.inbox.InboxFixture;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.pipeline.JobQueue.Job;
import io.facteur.core.internal.pipeline.JobQueue.State;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class JobQueueTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    @TempDir Path folder;
    private Database database;
    private JobQueue queue;
    private String invoice;

    @BeforeEach
    void queue() throws Exception {
        database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        InboxService inbox =
                InboxService.standalone(
                        database, d -> true, folder, InboxFixture.config(1024, 1, 3));
        // receiving queues the first step of the invoice
        invoice =
                inbox.receive(
                                "acme",
                                new ByteArrayInputStream(
                                        "invoice".getBytes(StandardCharsets.UTF_8)),
                                "a.xml",
                                "application/xml",
                                new Source("test", ""))
                        .id();
        queue = new JobQueue(database);
    }

    @Test
    void aDueJobIsClaimedOnceWhileLeased() throws Exception {
        List<Job> claimed = queue.claim(10, LEASE);

        assertThat(claimed)
                .singleElement()
                .satisfies(
                        job -> {
                            assertThat(job.invoiceId()).isEqualTo(invoice);
                            assertThat(job.step()).isEqualTo(Steps.DETECT);
                            assertThat(job.attempts()).isZero();
                        });
        assertThat(queue.claim(10, LEASE)).isEmpty();
        assertThat(queue.count(State.RUNNING)).isEqualTo(1);
        assertThat(queue.count(State.PENDING)).isZero();
    }

    @Test
    void claimTakesAtMostMaxJobsInOrder() throws Exception {
        enqueue(Steps.READ);
        enqueue(Steps.VALIDATE);

        assertThat(queue.claim(2, LEASE))
                .extracting(Job::step)
                .containsExactly(Steps.DETECT, Steps.READ);
        assertThat(queue.claim(2, LEASE)).extracting(Job::step).containsExactly(Steps.VALIDATE);
    }

    @Test
    void aRetriedJobIsNotDueBeforeItsDelay() throws Exception {
        Job job = queue.claim(1, LEASE).get(0);
        long start = System.nanoTime();
        inTransaction(
                c -> queue.retry(c, job.id(), "IOException: disk full", Duration.ofMillis(700)));

        assertThat(queue.count(State.PENDING)).isEqualTo(1);
        assertThat(queue.claim(1, LEASE)).isEmpty();

        List<Job> later = pollClaim(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThan(Duration.ofMillis(650));
        assertThat(later)
                .singleElement()
                .satisfies(
                        again -> {
                            assertThat(again.id()).isEqualTo(job.id());
                            assertThat(again.attempts()).isEqualTo(1);
                        });
        assertThat(lastError(job.id())).isEqualTo("IOException: disk full");
    }

    @Test
    void aParkedJobWaitsUntilItsStepIsWoken() throws Exception {
        Job job = queue.claim(1, LEASE).get(0);
        inTransaction(c -> queue.park(c, job.id(), Steps.DETECT, "No invoice reader is installed"));

        assertThat(queue.count(State.WAITING)).isEqualTo(1);
        assertThat(queue.claim(1, LEASE)).isEmpty();
        assertThat(queue.wake(Steps.VALIDATE)).isZero();
        assertThat(queue.count(State.WAITING)).isEqualTo(1);

        assertThat(queue.wake(Steps.DETECT)).isEqualTo(1);

        assertThat(queue.count(State.WAITING)).isZero();
        assertThat(queue.claim(1, LEASE)).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void aJobParkedAtALaterStepWakesWithThatStep() throws Exception {
        Job job = queue.claim(1, LEASE).get(0); // detect, then read inline, then no validator
        inTransaction(c -> queue.park(c, job.id(), Steps.VALIDATE, "No validator is installed"));

        assertThat(queue.wake(Steps.DETECT)).isZero();
        assertThat(queue.wake(Steps.VALIDATE)).isEqualTo(1);
        assertThat(queue.claim(1, LEASE))
                .singleElement()
                .satisfies(
                        again -> {
                            assertThat(again.id()).isEqualTo(job.id());
                            assertThat(again.step()).isEqualTo(Steps.VALIDATE);
                        });
    }

    @Test
    void aBatchIsClaimedOldestFirstAndOnlyOnce() throws Exception {
        enqueue(Steps.READ);
        enqueue(Steps.VALIDATE);

        assertThat(queue.claim(2, LEASE))
                .extracting(Job::step)
                .containsExactly(Steps.DETECT, Steps.READ);
        assertThat(queue.claim(5, LEASE)).extracting(Job::step).containsExactly(Steps.VALIDATE);
        assertThat(queue.claim(5, LEASE)).isEmpty();
        assertThat(queue.count(State.RUNNING)).isEqualTo(3);
    }

    @Test
    void concurrentClaimersNeverTakeTheSameJob() throws Exception {
        for (int i = 0; i < 30; i++) {
            enqueue(Steps.READ);
        }
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<List<Job>>> claims = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                claims.add(
                        pool.submit(
                                () -> {
                                    List<Job> mine = new java.util.ArrayList<>();
                                    for (List<Job> got = queue.claim(4, LEASE);
                                            !got.isEmpty();
                                            got = queue.claim(4, LEASE)) {
                                        mine.addAll(got);
                                    }
                                    return mine;
                                }));
            }
            List<Long> all = new java.util.ArrayList<>();
            for (var claim : claims) {
                claim.get().forEach(job -> all.add(job.id()));
            }
            assertThat(all).hasSize(31).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void releaseRunningReturnsClaimedJobsToTheQueue() throws Exception {
        enqueue(Steps.READ);
        queue.claim(10, LEASE);

        assertThat(queue.releaseRunning()).isEqualTo(2);

        assertThat(queue.count(State.RUNNING)).isZero();
        assertThat(queue.count(State.PENDING)).isEqualTo(2);
        assertThat(queue.claim(10, LEASE)).hasSize(2);
    }

    @Test
    void aDeadJobKeepsItsLastErrorAndIsNeverClaimed() throws Exception {
        Job job = queue.claim(1, LEASE).get(0);
        inTransaction(c -> queue.dead(c, job.id(), "IllegalStateException: boom"));

        assertThat(queue.count(State.DEAD)).isEqualTo(1);
        assertThat(lastError(job.id())).isEqualTo("IllegalStateException: boom");
        assertThat(queue.releaseRunning()).isZero();
        assertThat(queue.claim(10, LEASE)).isEmpty();
    }

    @Test
    void countsJobsByState() throws Exception {
        enqueue(Steps.READ);
        enqueue(Steps.VALIDATE);
        Job first = queue.claim(1, LEASE).get(0);
        inTransaction(c -> queue.done(c, first.id()));
        queue.claim(1, LEASE);

        assertThat(queue.count(State.DONE)).isEqualTo(1);
        assertThat(queue.count(State.RUNNING)).isEqualTo(1);
        assertThat(queue.count(State.PENDING)).isEqualTo(1);
        assertThat(queue.count(State.DEAD)).isZero();
    }

    private List<Job> pollClaim(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            List<Job> jobs = queue.claim(1, LEASE);
            if (!jobs.isEmpty()) {
                return jobs;
            }
            Thread.sleep(50);
        }
        return List.of();
    }

    private void enqueue(String step) throws Exception {
        inTransaction(c -> queue.enqueue(c, invoice, step));
    }

    private interface Work {
        void run(Connection c) throws Exception;
    }

    private void inTransaction(Work work) throws Exception {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            work.run(c);
            c.commit();
        }
    }

    private String lastError(long id) throws Exception {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT last_error FROM job WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
