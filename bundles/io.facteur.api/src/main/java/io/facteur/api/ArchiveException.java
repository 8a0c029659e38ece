package io.facteur.api;

/** The archive refused or failed an operation; {@link #reason()} says why, for localized texts. */
public class ArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why an archive operation did not happen. */
    public enum Reason {
        /** The document id already holds other bytes: archived documents are write-once. */
        WRITE_ONCE,
        /** A dossier id, document id or media type is not acceptable. */
        INVALID_INPUT,
        /** The document is larger than the archive accepts. */
        TOO_LARGE,
        /** The archive's files are damaged (journal shorter than written): run verify. */
        DAMAGED,
        /** The file system failed. */
        IO
    }

    private final Reason reason;

    public ArchiveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ArchiveException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** Why the operation did not happen. */
    public Reason reason() {
        return reason;
    }
}
