package io.facteur.core.internal.pipeline;

import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.pipeline.JobQueue.Job;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work of the core that follows the pipeline (deliveries, exports): jobs of a step of its own on
 * the pipeline's queue and workers, with effects outside the database, so each runs its own
 * transactions around them.
 */
public interface PipelineExtension {
    /** The step of its jobs; their {@link Job#ref()} names its own record. */
    String step();

    /** Runs one job of its step and records the outcome on the queue itself; never throws. */
    void run(Job job);

    /** An invoice was archived, within the pipeline's transaction: queue what follows. */
    void archived(Connection c, InvoiceRow row) throws SQLException;

    /** Called by the pipeline's poller every few seconds, for work due by time. */
    default void tick() {}
}
