package io.facteur.core.internal.delivery;

import java.time.Instant;

/**
 * One delivery of one invoice.
 *
 * @param id the delivery id (the channels' idempotency key)
 * @param invoiceId the invoice
 * @param dossier its dossier
 * @param channel the channel's capability id; null while Facteur has not chosen one
 * @param state where it stands
 * @param recipient to whom, as the channel was told (addresses), null before the attempt
 * @param reference the channel's id of what it sent (a Message-ID), null before the receipt
 * @param detail the last thing said of it (a failure's reason, a bounce's)
 * @param requestedBy who asked: a user, an API key, or {@code automatic}
 * @param createdAt when it was asked for
 * @param updatedAt when it last changed
 * @param attemptedAt when the channel was called
 * @param correctUntil for a bounce: the end of the window for a corrected address
 * @param replacedBy the delivery that took over (a resend, the postal fallback), or null
 */
public record DeliveryRow(
        String id,
        String invoiceId,
        String dossier,
        String channel,
        DeliveryState state,
        String recipient,
        String reference,
        String detail,
        String requestedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant attemptedAt,
        Instant correctUntil,
        String replacedBy) {}
