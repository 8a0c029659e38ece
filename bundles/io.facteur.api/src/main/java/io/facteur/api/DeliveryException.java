package io.facteur.api;

/** A delivery that was not sent; {@link #transientFailure()} says whether a retry may succeed. */
public class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public DeliveryException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public DeliveryException(String message, boolean transientFailure) {
        this(message, transientFailure, null);
    }

    /**
     * True when the same send may succeed later (server down, timeout), false when it never will
     * (no address, refused credentials, a recipient the server rejects).
     */
    public boolean transientFailure() {
        return transientFailure;
    }
}
