package io.facteur.core.internal.export;

import java.time.Instant;

/**
 * One export of one document to one connector.
 *
 * @param id its id, the idempotency key the connector is given
 * @param connectorId the connector
 * @param dossier the dossier
 * @param invoiceId the invoice
 * @param version the version of the document exported (its SHA-256)
 * @param replay the replay that asked for it, empty for the connector's own exports
 * @param format the format it was sent in, null before the first attempt
 * @param state where it stands
 * @param attempts how many sends were tried
 * @param detail the receiver's answer or the failure
 * @param requestedBy who asked ({@code automatic}, a user)
 * @param createdAt when it was queued
 * @param updatedAt when it last changed
 * @param firstAttemptAt when it was first tried, null before
 */
public record ExportRow(
        String id,
        String connectorId,
        String dossier,
        String invoiceId,
        String version,
        String replay,
        String format,
        ExportState state,
        int attempts,
        String detail,
        String requestedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant firstAttemptAt) {}
