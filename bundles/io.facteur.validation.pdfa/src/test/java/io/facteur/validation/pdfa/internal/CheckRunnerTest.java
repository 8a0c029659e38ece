package io.facteur.validation.pdfa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.validation.pdfa.internal.PdfaCheck.Outcome;
import io.facteur.validation.pdfa.internal.PdfaCheck.Unreadable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The time limit of a check, measured from its start, and what stopping does to callers. */
class CheckRunnerTest {

    /** Works for a while, looking every 5 ms whether it was asked to stop, unless it is deaf. */
    private static final class Sleeper implements CheckRunner.Stoppable {
        private final long millis;
        private final boolean deaf;
        private volatile boolean stopped;

        Sleeper(long millis, boolean deaf) {
            this.millis = millis;
            this.deaf = deaf;
        }

        @Override
        public Outcome call() throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < end) {
                if (stopped && !deaf) {
                    return new Unreadable(false, "stopped");
                }
                Thread.sleep(5);
            }
            return new Unreadable(false, "done");
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    @Test
    void waitingForAFreeThreadDoesNotCountAgainstTheTimeLimit() throws Exception {
        CheckRunner runner = new CheckRunner(1, Duration.ofSeconds(5));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // one at a time: the last waits about 750 ms, more than the 600 ms limit
                outcomes.add(
                        callers.submit(
                                () ->
                                        runner.run(
                                                new Sleeper(250, false),
                                                Duration.ofMillis(600),
                                                "queued.pdf")));
            }
            for (Future<Outcome> outcome : outcomes) {
                assertThat(outcome.get()).isEqualTo(new Unreadable(false, "done"));
            }
        } finally {
            callers.shutdownNow();
            runner.close();
        }
    }

    @Test
    void aCheckOverTheLimitIsAskedToStopAndItsOutcomeKept() throws InterruptedException {
        CheckRunner runner = new CheckRunner(1, Duration.ofSeconds(5));
        try {
            long start = System.nanoTime();
            Outcome outcome = runner.run(new Sleeper(10_000, false), Duration.ofMillis(100), "x");
            assertThat(outcome).isEqualTo(new Unreadable(false, "stopped"));
            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        } finally {
            runner.close();
        }
    }

    @Test
    void aCheckThatIgnoresStopIsGivenUpAfterTheGracePeriod() throws InterruptedException {
        CheckRunner runner = new CheckRunner(1, Duration.ofMillis(200));
        try {
            Outcome outcome = runner.run(new Sleeper(3_000, true), Duration.ofMillis(100), "x");
            assertThat(outcome).isInstanceOf(PdfaCheck.Stopped.class);
        } finally {
            runner.close();
        }
    }

    @Test
    void closingRefusesQueuedAndNewChecksWithAnExceptionNotAnOutcome() throws Exception {
        CheckRunner runner = new CheckRunner(1, Duration.ofSeconds(5));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Outcome> running =
                    callers.submit(
                            () ->
                                    runner.run(
                                            new Sleeper(10_000, false),
                                            Duration.ofMinutes(1),
                                            "a"));
            Future<Outcome> queued =
                    callers.submit(
                            () ->
                                    runner.run(
                                            new Sleeper(10_000, false),
                                            Duration.ofMinutes(1),
                                            "b"));
            Thread.sleep(300);
            runner.close();

            assertThatThrownBy(running::get).hasCauseInstanceOf(CheckRunner.Closing.class);
            assertThatThrownBy(queued::get).hasCauseInstanceOf(CheckRunner.Closing.class);
            assertThatThrownBy(() -> runner.run(new Sleeper(1, false), Duration.ofSeconds(1), "c"))
                    .isInstanceOf(CheckRunner.Closing.class);
        } finally {
            callers.shutdownNow();
        }
    }
}
