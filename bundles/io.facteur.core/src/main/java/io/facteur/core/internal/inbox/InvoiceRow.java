package io.facteur.core.internal.inbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One invoice as the database lists it (the semantic record is kept beside, as JSON). */
public record InvoiceRow(
        String id,
        String dossier,
        String sha256,
        String fileName,
        String mediaType,
        long size,
        String sourceChannel,
        String sourceDetail,
        Instant receivedAt,
        InvoiceStatus status,
        String reason,
        String format,
        String profile,
        String reader,
        String number,
        String typeCode,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        String sellerName,
        String buyerName,
        BigDecimal payable) {}
