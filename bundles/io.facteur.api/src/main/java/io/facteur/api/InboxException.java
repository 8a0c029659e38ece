package io.facteur.api;

/** A document the inbox refuses, with the reason a user can act on. */
public class InboxException extends Exception {
    private static final long serialVersionUID = 1L;

    public InboxException(String message) {
        super(message);
    }

    public InboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
