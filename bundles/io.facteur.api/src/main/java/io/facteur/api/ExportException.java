package io.facteur.api;

/**
 * An export that failed; {@link #transientFailure()} says whether a retry may succeed. The message
 * is shown on the invoice's timeline: say what the receiver answered, never a secret.
 */
public class ExportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public ExportException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public ExportException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    /**
     * True when the same send may succeed later (network, timeout, 5xx, a full disk), false when it
     * never will without a change of settings (authentication refused, 4xx, host key changed).
     */
    public boolean transientFailure() {
        return transientFailure;
    }
}
