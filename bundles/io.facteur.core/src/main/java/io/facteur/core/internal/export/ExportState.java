package io.facteur.core.internal.export;

/** Where one export stands. */
public enum ExportState {
    /** Waiting for its job (or for its connector, or for a retry). */
    QUEUED,
    /** The receiver has it. */
    EXPORTED,
    /** Given up: a permanent failure, or transient ones for longer than the retry period. */
    FAILED,
    /** The dossier's rules refuse to send the invoice (a blocked duplicate, an invalid invoice). */
    REFUSED
}
