package io.facteur.core.internal.inbox;

/** A document of no bytes: never an invoice, refused before anything is recorded. */
public class EmptyDocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmptyDocumentException() {
        super("The file is empty");
    }
}
