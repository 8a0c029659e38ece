package io.facteur.core.internal.pipeline;

import io.facteur.api.Archive;
import io.facteur.api.Capability;
import io.facteur.api.Dossiers;
import io.facteur.api.DuplicateCheck;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Validator;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.inbox.Message;
import io.facteur.core.internal.pipeline.JobQueue.Job;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the jobs of the persistent queue on the core's bounded worker pool: at least once, each step
 * idempotent, transient failures retried with exponential backoff, the rest kept as FAILED with
 * their reason. Readers and validators are tracked dynamically: jobs that wait for one resume when
 * it is installed; jobs interrupted by a stop or a crash are resumed at the next start.
 */
@Component(service = Pipeline.class, immediate = true)
public class Pipeline {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 200;

    /**
     * Jobs claimed ahead per worker: one claim (one commit) serves several jobs, and a worker that
     * finishes finds its next job without waiting for a poll. They stay leased to this node.
     */
    private static final int BUFFERED_PER_WORKER = 3;

    private final Logger logger = LoggerFactory.getLogger(Pipeline.class);
    private final InboxService inbox;
    private final Map<String, InvoiceReader> readers = new ConcurrentSkipListMap<>();
    private final List<Validator> validators = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor poller;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile DuplicateCheck duplicateCheck;
    private volatile Archive archive;
    private volatile Dossiers dossiers;
    private final Map<String, PipelineExtension> extensions =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong installed =
            new java.util.concurrent.atomic.AtomicLong();

    @Activate
    public Pipeline(@Reference InboxService inbox) throws SQLException {
        this.inbox = inbox;
        int size = inbox.config().workers();
        AtomicInteger n = new AtomicInteger();
        this.workers =
                new ThreadPoolExecutor(
                        size,
                        size,
                        30,
                        TimeUnit.SECONDS,
                        // bounded by the claims: never more than size * (1 + BUFFERED) jobs
                        new LinkedBlockingQueue<>(),
                        r -> new Thread(r, "facteur-pipeline-" + n.incrementAndGet()));
        this.poller =
                new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "facteur-pipeline-poller"));
        // single node: whatever was running when the platform stopped runs again
        int resumed = inbox.queue().releaseRunning();
        if (resumed > 0) {
            logger.info("Resuming {} interrupted pipeline step(s)", resumed);
        }
        poller.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        // a received document is claimed at once, not at the next poll
        inbox.queue().onEnqueued(this::pollNow);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        inbox.queue().onEnqueued(null);
        poller.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
            workers.shutdownNow(); // their jobs stay RUNNING and are resumed at the next start
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReader(InvoiceReader reader, Map<String, Object> props) {
        readers.put(String.valueOf(props.get(Capability.ID)), reader);
        installed.incrementAndGet();
        wake(Steps.DETECT);
        wake(Steps.READ);
    }

    /** The installed reader with that capability id. */
    public java.util.Optional<InvoiceReader> reader(String capability) {
        return java.util.Optional.ofNullable(capability == null ? null : readers.get(capability));
    }

    void removeReader(InvoiceReader reader, Map<String, Object> props) {
        readers.remove(String.valueOf(props.get(Capability.ID)), reader);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addValidator(Validator validator) {
        validators.add(validator);
        installed.incrementAndGet();
        wake(Steps.VALIDATE);
    }

    void removeValidator(Validator validator) {
        validators.remove(validator);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    void setDuplicateCheck(DuplicateCheck check) {
        duplicateCheck = check;
        installed.incrementAndGet();
        wake(Steps.DUPLICATES);
    }

    void unsetDuplicateCheck(DuplicateCheck check) {
        if (duplicateCheck == check) {
            duplicateCheck = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    void setArchive(Archive archive) {
        this.archive = archive;
        installed.incrementAndGet();
        wake(Steps.ARCHIVE);
    }

    void unsetArchive(Archive archive) {
        if (this.archive == archive) {
            this.archive = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    void setDossiers(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    void unsetDossiers(Dossiers dossiers) {
        if (this.dossiers == dossiers) {
            this.dossiers = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExtension(PipelineExtension extension) {
        extensions.put(extension.step(), extension);
        wake(extension.step());
    }

    void removeExtension(PipelineExtension extension) {
        extensions.remove(extension.step(), extension);
    }

    /**
     * Returns the parked jobs of a step to the queue. A wake that loses a deadlock to a concurrent
     * claim is tried again: a wake that is lost for good would leave invoices waiting for a
     * capability that is there.
     */
    private void wake(String step) {
        for (int attempt = 1; ; attempt++) {
            try {
                int woken = inbox.queue().wake(step);
                if (woken > 0) {
                    logger.info("{} invoice(s) waiting for step {} resume", woken, step);
                    pollNow();
                }
                return;
            } catch (SQLException e) {
                boolean transientFailure =
                        e.getSQLState() != null && e.getSQLState().startsWith("40");
                if (!transientFailure || attempt >= 10) {
                    if (!poller.isShutdown()) {
                        logger.warn("Cannot resume waiting {} jobs: {}", step, e.getMessage());
                    }
                    return;
                }
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A safety net behind the wakes, every few seconds: jobs parked at a step whose capability is
     * installed now are queued again (a wake can lose to a concurrent claim more often than it
     * retries). Only steps that wait for "any" capability: a read waits for one given reader, and a
     * document no reader recognised waits for a new reader, so those are woken by arrivals only.
     */
    private void resumeWhereInstalled() {
        if (!validators.isEmpty()) {
            wake(Steps.VALIDATE);
        }
        if (duplicateCheck != null) {
            wake(Steps.DUPLICATES);
        }
        if (archive != null) {
            wake(Steps.ARCHIVE);
        }
    }

    /** A worker is free (and may have queued the next step): look at the queue at once. */
    private void pollNow() {
        try {
            poller.execute(this::poll);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the queue is looked at again at the next start
        }
    }

    private void poll() {
        try {
            int poll = polls.incrementAndGet();
            if (poll % 50 == 0 && inbox.queue().recoverExpired() > 0) {
                logger.info("Pipeline steps whose lease ran out are queued again");
            }
            if (poll % 25 == 0) {
                resumeWhereInstalled();
                for (PipelineExtension extension : extensions.values()) {
                    try {
                        extension.tick();
                    } catch (RuntimeException e) {
                        logger.warn(
                                "Pipeline work of {} failed: {}", extension.step(), e.toString());
                    }
                }
            }
            // running or claimed and waiting for a worker
            int free = inbox.config().workers() * (1 + BUFFERED_PER_WORKER) - busy.get();
            if (free <= 0) {
                return;
            }
            for (Job job : inbox.queue().claim(free, LEASE)) {
                busy.incrementAndGet();
                try {
                    workers.execute(
                            () -> {
                                try {
                                    run(job);
                                } finally {
                                    busy.decrementAndGet();
                                    pollNow();
                                }
                            });
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    busy.decrementAndGet();
                    inbox.queue().release(job.id()); // claimed as the pipeline stopped
                }
            }
        } catch (SQLException e) {
            if (!poller.isShutdown()) { // a stop interrupts the poll, and Derby then drops its
                // connection
                logger.warn("Pipeline cannot read its queue: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            logger.error("Pipeline poll failed", e);
        }
    }

    /** Runs one job and records its outcome; never throws. */
    void run(Job job) {
        // the next step of the same invoice runs at once on this worker, without a trip through
        // the poller; it is recorded as claimed by this worker before this step commits
        for (Job next = job; next != null; ) {
            next = runOne(next);
        }
    }

    /**
     * Runs one job: its step and the steps that follow inline, in one transaction, ending with the
     * claim of this worker's next job (the same commit records both). Returns that next job.
     */
    private Job runOne(Job job) {
        if (!Steps.OWN.contains(job.step())) {
            // a delivery, an export: effects outside the database, own transactions around them
            PipelineExtension extension = extensions.get(job.step());
            if (extension != null) {
                extension.run(job);
            } else {
                parkUntilInstalled(job);
            }
            return null;
        }
        long generation = installed.get();
        Job chained = null;
        String step = job.step();
        Dossiers known = dossiers;
        Steps steps =
                new Steps(
                        inbox,
                        new TreeMap<>(readers),
                        List.copyOf(validators),
                        new Steps.Capabilities(
                                duplicateCheck,
                                archive,
                                dossier ->
                                        known == null
                                                ? Steps.Capabilities.BUILT_IN
                                                : known.defaults(dossier),
                                List.copyOf(extensions.values())));
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                Steps.Outcome outcome = steps.run(c, step, job.invoiceId());
                while (outcome instanceof Steps.Next next && next.inline() && next.next() != null) {
                    step = next.next();
                    outcome = steps.run(c, step, job.invoiceId());
                }
                if (outcome instanceof Steps.RejectedUntilNewReader) {
                    inbox.queue().park(c, job.id(), step, "no installed reader recognises it");
                } else if (outcome instanceof Steps.Wait wait) {
                    inbox.invoices().event(c, job.invoiceId(), step, "waiting", wait.reason());
                    inbox.queue().park(c, job.id(), step, wait.reason().english());
                } else if (outcome instanceof Steps.Next next) {
                    inbox.queue().done(c, job.id());
                    if (next.next() != null) {
                        chained =
                                inbox.queue()
                                        .enqueueClaimed(c, job.invoiceId(), next.next(), LEASE);
                    }
                }
                c.commit();
                if (outcome instanceof Steps.Wait && installed.get() != generation) {
                    wake(step); // a capability arrived while this job decided to wait
                }
                return chained;
            } catch (Exception e) {
                c.rollback();
                if (e instanceof SQLException sql && transientFailure(sql)) {
                    // lost a deadlock or a lock wait: not the invoice's fault, run it again now
                    release(job);
                    return null;
                }
                failed(c, job, step, e);
                return null;
            }
        } catch (SQLException e) {
            logger.warn(
                    "Invoice {}: step {} could not be recorded ({}); it will run again",
                    job.invoiceId(),
                    step,
                    e.getMessage());
            release(job);
            return null;
        }
    }

    /** A job of an extension that is not there (restarting): it waits for it to come back. */
    private void parkUntilInstalled(Job job) {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            inbox.queue().park(c, job.id(), job.step(), "waiting for " + job.step());
            c.commit();
        } catch (SQLException e) {
            release(job);
            return;
        }
        if (extensions.containsKey(job.step())) {
            wake(job.step()); // it came meanwhile
        }
    }

    private static boolean transientFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns a claimed job whose outcome could not be recorded to the queue at once, rather than
     * leaving it leased until its lease runs out.
     */
    private void release(Job job) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                inbox.queue().release(job.id());
                pollNow();
                return;
            } catch (SQLException e) {
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        logger.warn("Invoice {}: its step waits for its lease to run out", job.invoiceId());
    }

    /**
     * Records a failure; the transaction was rolled back, so the job starts again at its own step
     * ({@code step} is where it failed).
     */
    private void failed(Connection c, Job job, String step, Exception e) throws SQLException {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        int attempt = job.attempts() + 1;
        if (attempt >= inbox.config().maxAttempts()) {
            logger.error(
                    "Invoice {}: step {} failed {} times, giving up",
                    job.invoiceId(),
                    step,
                    attempt,
                    e);
            inbox.invoices()
                    .event(
                            c,
                            job.invoiceId(),
                            step,
                            "failed",
                            Message.of("failed", attempt, reason));
            inbox.invoices().status(c, job.invoiceId(), InvoiceStatus.FAILED, reason);
            inbox.queue().dead(c, job.id(), reason);
        } else {
            Duration delay = Duration.ofSeconds(Math.min(600, 1L << Math.min(attempt, 10)));
            logger.warn(
                    "Invoice {}: step {} failed (attempt {}), retry in {} s: {}",
                    job.invoiceId(),
                    step,
                    attempt,
                    delay.toSeconds(),
                    reason);
            inbox.invoices().event(c, job.invoiceId(), step, "retry", Message.of("retry", reason));
            inbox.queue().retry(c, job.id(), reason, delay);
        }
        c.commit();
    }
}
