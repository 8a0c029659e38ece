package io.facteur.api;

/** A document that cannot be read as an invoice, with the reason shown on its timeline. */
public class UnreadableInvoiceException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableInvoiceException(String message) {
        super(message);
    }

    public UnreadableInvoiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
