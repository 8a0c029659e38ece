package io.facteur.core.internal.pipeline;

import io.facteur.api.Capability;
import io.facteur.api.DuplicateCheck;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Validator;
import io.facteur.core.internal.inbox.InboxService;
import java.sql.SQLException;
import java.util.Map;

/**
 * What DS does to the pipeline in Karaf, done by hand for the import benchmark: this class sits in
 * the pipeline's package (a split package on a flat class path) to reach its package-private bind
 * methods.
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

    /** Binds the duplicate check, as DS binds the optional greedy reference. */
    public static void setDuplicateCheck(Pipeline pipeline, DuplicateCheck check) {
        pipeline.setDuplicateCheck(check);
    }

    /** Stops the poller and the workers, as DS deactivates it. */
    public static void stop(Pipeline pipeline) throws InterruptedException {
        pipeline.deactivate();
    }
}
