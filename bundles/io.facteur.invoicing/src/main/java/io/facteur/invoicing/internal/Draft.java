package io.facteur.invoicing.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * An invoice or credit note being written: editable, without a number until it is issued.
 *
 * @param creditNote true for a credit note (type code 381), false for an invoice (380)
 * @param currency ISO 4217 code of the invoice (BT-5)
 * @param issueDate issue date (BT-2); null until issued, when the day of issuing is taken
 * @param dueDate due date (BT-9); null to take it from the dossier's payment term
 * @param language ISO 639-1 language of the PDF (fr, en, de); empty to take the dossier's rule
 * @param buyer the customer
 * @param lines the lines, at least one
 * @param adjustments document-level allowances and charges
 * @param notes free notes (BT-22)
 * @param paymentTermsText payment terms as text (BT-20), may be empty to describe the due date
 * @param paymentMeansCode UNTDID 4461 payment means (BT-81): 30 credit transfer, 58 SEPA credit
 *     transfer, 59 SEPA direct debit, 10 cash, 20 cheque, 48 card, 97 clearing between partners
 * @param purchaseOrder the buyer's order reference (BT-13), may be empty
 * @param precedingInvoice the number of the invoice a credit note corrects (BT-25), may be empty
 * @param precedingInvoiceDate its issue date (BT-26), may be null
 * @param exemptionReasons per VAT category, the exemption reason text (BT-120) to print when the
 *     default text of the invoice's language does not fit
 * @param deliveryDate the date of the delivery or of the service (BT-72), which French and German
 *     law require on an invoice; null to take the issue date
 */
public record Draft(
        boolean creditNote,
        String currency,
        LocalDate issueDate,
        LocalDate dueDate,
        String language,
        Buyer buyer,
        List<DraftLine> lines,
        List<DocumentAdjustment> adjustments,
        List<String> notes,
        String paymentTermsText,
        String paymentMeansCode,
        String purchaseOrder,
        String precedingInvoice,
        LocalDate precedingInvoiceDate,
        java.util.Map<String, String> exemptionReasons,
        LocalDate deliveryDate) {
    public Draft {
        currency = Address.text(currency).toUpperCase(java.util.Locale.ROOT);
        language = Address.text(language).toLowerCase(java.util.Locale.ROOT);
        lines = lines == null ? List.of() : List.copyOf(lines);
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        notes = notes == null ? List.of() : notes.stream().map(Address::text).toList();
        paymentTermsText = Address.text(paymentTermsText);
        paymentMeansCode =
                Address.text(paymentMeansCode).isEmpty() ? "30" : Address.text(paymentMeansCode);
        purchaseOrder = Address.text(purchaseOrder);
        precedingInvoice = Address.text(precedingInvoice);
        exemptionReasons =
                exemptionReasons == null
                        ? java.util.Map.of()
                        : java.util.Map.copyOf(exemptionReasons);
    }
}
