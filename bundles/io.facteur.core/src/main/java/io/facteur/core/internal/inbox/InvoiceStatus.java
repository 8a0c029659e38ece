package io.facteur.core.internal.inbox;

/** What a user sees of an invoice; derived from its timeline by the pipeline. */
public enum InvoiceStatus {
    /** Stored, not yet read (or waiting for a capability). */
    RECEIVED,
    /** Not an invoice Facteur can read; the reason says why. */
    REJECTED,
    /** Read, but with fatal findings: kept, shown, never delivered automatically. */
    INVALID,
    /** Read and valid. */
    READY,
    /**
     * The same invoice as another of the dossier (same seller, number, type, date and amount): kept
     * and shown; in the dossier's BLOCK mode never sent. A user may release it.
     */
    DUPLICATE,
    /** Handed over to the customer's mail server (a bounce may still follow). */
    SENT,
    /** Known to have reached the customer. */
    DELIVERED,
    /**
     * The e-mail came back: waits for a corrected address until the dossier's correction window
     * closes, then goes by post.
     */
    BOUNCED,
    /** Handed to the print service for postal mail. */
    POSTED,
    /** A step (or a delivery) failed beyond its retries; the reason says why. */
    FAILED
}
