package io.facteur.core.internal.pipeline;

import io.facteur.api.Capability;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Validator;
import io.facteur.core.internal.inbox.InboxService;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What DS does to the pipeline in Karaf, done by hand for the benchmark: this class sits in the
 * pipeline's package (a split package on a flat class path) to reach its package-private methods.
 */
public final class PipelineAccess {
    private PipelineAccess() {}

    /** Starts a pipeline (its poller and workers) on the inbox, as DS activates it. */
    public static Pipeline start(InboxService inbox) throws SQLException {
        return new Pipeline(inbox);
    }

    /** Registers a reader under its capability id, as DS binds it. */
    public static void addReader(Pipeline pipeline, String capability, InvoiceReader reader) {
        pipeline.addReader(reader, Map.of(Capability.ID, capability));
    }

    /** Registers a validator, as DS binds it. */
    public static void addValidator(Pipeline pipeline, Validator validator) {
        pipeline.addValidator(validator);
    }

    /** Stops the poller and the workers, as DS deactivates it. */
    public static void stop(Pipeline pipeline) throws InterruptedException {
        pipeline.deactivate();
    }

    /**
     * Runs every due job on the calling thread, one at a time, with the pipeline's own {@code run}
     * (same steps, same transactions) but without its poller: what the pipeline costs without the
     * poll interval. The pipeline must be stopped first. Returns how many jobs ran.
     */
    public static int drainOnThisThread(Pipeline pipeline, InboxService inbox) throws SQLException {
        int ran = 0;
        for (List<JobQueue.Job> jobs = inbox.queue().claim(1, Duration.ofMinutes(5));
                !jobs.isEmpty();
                jobs = inbox.queue().claim(1, Duration.ofMinutes(5))) {
            for (JobQueue.Job job : jobs) {
                pipeline.run(job);
                ran++;
            }
        }
        return ran;
    }
}
