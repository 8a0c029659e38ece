package io.facteur.validation.pdfa.internal;

import io.facteur.validation.pdfa.internal.PdfaCheck.Outcome;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs PDF/A checks on a few threads of this bundle, each stopped after the time limit.
 *
 * <p>The threads are this bundle's own, not the caller's: veraPDF keeps per-thread state (the
 * parsed document, Rhino contexts and scripts compiled from the profiles, whose classes pin this
 * bundle's class loader) that must not outlive the bundle on the core's workers. They end with the
 * component, and live as long as it: each keeps the scripts it compiled from the profiles, which a
 * new thread would compile again (about a second). Their number also bounds the memory that
 * concurrent checks of large PDFs take.
 */
final class CheckRunner {

    /** The runner is closing: the check did not run and should be tried again later. */
    static final class Closing extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Closing(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A check that can be asked to end early, with what it found so far. */
    interface Stoppable extends Callable<Outcome> {
        void stop();
    }

    /** How long a stopped check may take to end: veraPDF stops between two PDF objects. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Logger logger = LoggerFactory.getLogger(CheckRunner.class);

    private final Duration grace;
    private final ThreadPoolExecutor threads;
    private final Set<Stoppable> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    CheckRunner(int parallel, Duration grace) {
        this.grace = grace;
        AtomicInteger count = new AtomicInteger();
        this.threads =
                new ThreadPoolExecutor(
                        parallel,
                        parallel,
                        0,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "facteur-pdfa-" + count.incrementAndGet());
                            t.setDaemon(true);
                            t.setContextClassLoader(CheckRunner.class.getClassLoader());
                            return t;
                        });
    }

    /**
     * Runs the check and waits for it: at most the timeout from its start (not counting its wait
     * for a free thread), then the check is stopped and what it found so far is returned (its
     * result says TIMEOUT), or {@link PdfaCheck.Stopped} when it does not end within a grace
     * period.
     *
     * @param name the file name, for the log
     * @throws Closing when the runner closes meanwhile or the caller is interrupted
     */
    Outcome run(Stoppable check, Duration timeout, String name) {
        CountDownLatch started = new CountDownLatch(1);
        Future<Outcome> future;
        try {
            future = threads.submit(() -> runTracked(check, started));
        } catch (RejectedExecutionException e) {
            throw new Closing("The PDF/A validator is stopping", e);
        }
        try {
            Outcome outcome = waitFor(future, started, check, timeout, name);
            if (closing) {
                throw new Closing("The PDF/A validator stopped during the check", null);
            }
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            check.stop();
            future.cancel(true);
            throw new Closing("Interrupted while checking PDF/A", e);
        } catch (CancellationException e) {
            throw new Closing("The PDF/A validator stopped before the check", e);
        }
    }

    /** Stops every running check, drops the queued ones and lets the threads end. */
    void close() throws InterruptedException {
        closing = true;
        running.forEach(Stoppable::stop);
        threads.shutdownNow().forEach(r -> ((Future<?>) r).cancel(false));
        threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Outcome runTracked(Stoppable check, CountDownLatch started) throws Exception {
        running.add(check);
        started.countDown();
        try {
            return check.call();
        } finally {
            running.remove(check);
        }
    }

    private Outcome waitFor(
            Future<Outcome> future,
            CountDownLatch started,
            Stoppable check,
            Duration timeout,
            String name)
            throws InterruptedException {
        try {
            // queued behind other checks: each of them is bounded, so this wait is too
            while (!started.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (future.isDone()) {
                    return future.get();
                }
            }
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                check.stop();
            }
            try {
                return future.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                future.cancel(true);
                logger.warn("PDF/A check of {} did not stop within {}", name, grace);
                return new PdfaCheck.Stopped();
            }
        } catch (ExecutionException e) {
            // PdfaCheck turns parse failures into outcomes: this is an Error such as OutOfMemory
            logger.warn("PDF/A check of {} failed", name, e.getCause());
            return new PdfaCheck.Unreadable(false, String.valueOf(e.getCause()));
        }
    }
}
