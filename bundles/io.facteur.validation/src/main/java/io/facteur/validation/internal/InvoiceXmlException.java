package io.facteur.validation.internal;

/** The document holds no invoice XML that may be validated; the message says why, for a user. */
final class InvoiceXmlException extends Exception {

    private static final long serialVersionUID = 1L;

    InvoiceXmlException(String message) {
        super(message);
    }
}
