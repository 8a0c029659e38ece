package io.facteur.adapterkit;

/** What became of one corpus file in the kit, as the core would decide it. */
public enum Outcome {
    /** Adapted; reads back with differences only in the declared terms; no error finding. */
    CONFORM,
    /**
     * Not adapted, with a reason a user can act on: the adapter refused it (a term the receiver
     * requires is missing), the project's writers cannot carry it in the target syntax, or the
     * source itself breaks the rules it declares, which the core's gate refuses before any adapter
     * (the findings name the rules).
     */
    REFUSED,
    /**
     * Adapted, but a business term outside the target's declared terms differs from the source, or
     * the XML changed outside the places of those terms (a contact, a note, payment means: what the
     * semantic record does not carry).
     */
    FALSIFIED,
    /** Adapted, but a validator that applies to the result reports an error. */
    INVALID,
    /**
     * The adapter broke its contract: an unexpected exception, a result the readers cannot read, a
     * result in another syntax or declaring another specification than its target.
     */
    BROKEN;

    /** True for the outcomes that fail an adaptation in the core. */
    public boolean failed() {
        return this == FALSIFIED || this == INVALID || this == BROKEN;
    }
}
