package io.facteur.core.internal.inbox;

import java.time.LocalDate;

/**
 * What a list of invoices is narrowed to; null fields do not narrow.
 *
 * @param status only this status
 * @param issuedFrom issue date on or after
 * @param issuedTo issue date on or before
 * @param buyer buyer name containing this (case-insensitive)
 * @param number invoice number equal to this
 * @param text free text in number, seller, buyer or file name (case-insensitive)
 * @param offset how many to skip
 * @param limit how many at most (1 to 500)
 */
public record InvoiceFilter(
        InvoiceStatus status,
        LocalDate issuedFrom,
        LocalDate issuedTo,
        String buyer,
        String number,
        String text,
        int offset,
        int limit) {}
