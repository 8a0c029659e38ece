package io.facteur.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable entrance of a dossier, provided by the core. Once {@link #accept} returns, the bytes
 * are on disk and will be processed: nothing accepted is lost, and the same bytes twice are one
 * document.
 */
@ProviderType
public interface Inbox {
    /**
     * Stores a document durably and queues it for processing.
     *
     * @param dossier the dossier id
     * @param document the bytes and what came with them
     * @param source who brought it (channel id and a detail such as a sender address)
     * @return the document's id and whether it was already known
     * @throws InboxException when the dossier is unknown or the document is refused
     */
    InboxReceipt accept(String dossier, Document document, Source source) throws InboxException;

    /**
     * Where a document came from.
     *
     * @param channel the capability id of the import channel
     * @param detail a human detail (sender address, API key label, file name)
     */
    record Source(String channel, String detail) {}

    /**
     * The inbox's answer.
     *
     * @param documentId the id of the document
     * @param alreadyKnown true when the same bytes were already in the dossier
     */
    record InboxReceipt(String documentId, boolean alreadyKnown) {}
}
