package io.facteur.api.invoice;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The semantic invoice: the EN 16931 business terms the platform checks, searches and delivers,
 * whatever syntax they came in. Immutable; the original bytes are kept beside it, never replaced.
 *
 * @param number BT-1 invoice number
 * @param issueDate BT-2 issue date
 * @param typeCode BT-3 type code (380 invoice, 381 credit note, ...)
 * @param currency BT-5 invoice currency (ISO 4217)
 * @param dueDate BT-9 payment due date, null when not given
 * @param buyerReference BT-10 buyer reference, empty when not given
 * @param specification BT-24 specification identifier, empty when not given
 * @param seller BG-4 seller
 * @param buyer BG-7 buyer
 * @param lines BG-25 invoice lines
 * @param vatBreakdown BG-23 VAT breakdown
 * @param totals BG-22 document totals
 */
public record Invoice(
        String number,
        LocalDate issueDate,
        String typeCode,
        String currency,
        LocalDate dueDate,
        String buyerReference,
        String specification,
        Party seller,
        Party buyer,
        List<InvoiceLine> lines,
        List<VatBreakdown> vatBreakdown,
        DocumentTotals totals) {

    public Invoice {
        Objects.requireNonNull(number, "BT-1 number");
        Objects.requireNonNull(issueDate, "BT-2 issue date");
        buyerReference = buyerReference == null ? "" : buyerReference;
        specification = specification == null ? "" : specification;
        lines = List.copyOf(lines);
        vatBreakdown = List.copyOf(vatBreakdown);
    }

    /** True for a credit note (type codes 381, 396, 532 of UNTDID 1001). */
    public boolean isCreditNote() {
        return "381".equals(typeCode) || "396".equals(typeCode) || "532".equals(typeCode);
    }
}
