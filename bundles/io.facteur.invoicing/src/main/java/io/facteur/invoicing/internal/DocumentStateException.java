package io.facteur.invoicing.internal;

/**
 * Why a document cannot be changed as asked: it does not exist in the dossier, someone else changed
 * it since it was read (optimistic locking: the caller reloads and retries), or it is issued, and
 * an issued invoice never changes (only a credit note corrects it).
 */
public final class DocumentStateException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The reason, which the REST layer turns into a status. */
    public enum Reason {
        /** No such document in the dossier (404). */
        NOT_FOUND,
        /** The version given is not the stored one (409 or 412). */
        STALE,
        /** The document is issued: it cannot be edited, deleted or issued again (409). */
        ISSUED
    }

    private final Reason reason;

    public DocumentStateException(Reason reason, String documentId) {
        super(reason + ": " + documentId);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
