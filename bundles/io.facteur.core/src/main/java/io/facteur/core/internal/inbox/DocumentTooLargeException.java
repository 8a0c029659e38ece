package io.facteur.core.internal.inbox;

/** A document over the inbox's size limit; nothing of it is kept. */
public class DocumentTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DocumentTooLargeException(long maxBytes) {
        super("Files are limited to " + maxBytes + " bytes", null, false, false);
    }
}
