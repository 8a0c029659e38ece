package io.facteur.api;

/** An export that failed; {@link #transientFailure()} says whether a retry may succeed. */
public class ExportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public ExportException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** True when the same send may succeed later (network, timeout), false when it never will. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
