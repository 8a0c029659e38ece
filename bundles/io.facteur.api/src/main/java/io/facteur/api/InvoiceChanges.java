package io.facteur.api;

import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The feed of invoice status changes, provided by the core: every change of every invoice, in the
 * order of a growing sequence number, kept after the transaction that made it committed. A
 * capability that reacts to changes (webhooks, notifications) keeps its own cursor, reads what
 * follows it, and so misses nothing across its own restarts or the platform's.
 */
@ProviderType
public interface InvoiceChanges {
    /**
     * The changes after {@code cursor}, oldest first. A change is listed only once the transaction
     * that made it has committed and every change with a smaller sequence number is listed too, so
     * a cursor never skips one.
     *
     * @param cursor the sequence number of the last change read, 0 for the start
     * @param max at most this many
     */
    List<Change> after(long cursor, int max);

    /**
     * The sequence number of the newest change now; a new reader that wants no past starts here.
     */
    long head();

    /**
     * One status change.
     *
     * @param seq its sequence number
     * @param dossier the dossier id
     * @param invoiceId the invoice id
     * @param number the invoice number (BT-1), empty before it is read
     * @param status the new status (RECEIVED, REJECTED, INVALID, READY, DUPLICATE, SENT, DELIVERED,
     *     BOUNCED, POSTED, FAILED, ...)
     * @param reason why, in English, empty when nothing is to be said
     * @param sourceChannel the channel the invoice came by ({@code api}, {@code channel.mail}, ...)
     * @param sourceDetail who brought it ({@code key <api key id>}, {@code user <name>}, a sender)
     * @param at when
     */
    record Change(
            long seq,
            String dossier,
            String invoiceId,
            String number,
            String status,
            String reason,
            String sourceChannel,
            String sourceDetail,
            Instant at) {}
}
