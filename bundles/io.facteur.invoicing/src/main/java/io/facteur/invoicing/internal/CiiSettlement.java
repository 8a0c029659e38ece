package io.facteur.invoicing.internal;

import javax.xml.stream.XMLStreamException;

/**
 * Writes the header trade settlement of a CII invoice: currency, payment means and account, VAT
 * breakdown (BG-23), document allowances and charges (BG-20, BG-21), payment terms, totals (BG-22)
 * and, for a credit note, the invoice it corrects (BG-3).
 */
final class CiiSettlement {

    private CiiSettlement() {}

    static void settlement(CiiXml xml, IssuedInvoice invoice) throws XMLStreamException {
        Draft draft = invoice.draft();
        Totals totals = invoice.totals();
        xml.open("ram:ApplicableHeaderTradeSettlement");
        xml.leaf("ram:InvoiceCurrencyCode", draft.currency());
        paymentMeans(xml, draft, invoice.seller());
        for (Totals.VatGroup group : totals.vat()) {
            xml.open("ram:ApplicableTradeTax");
            xml.leaf("ram:CalculatedAmount", CiiXml.amount(group.tax()));
            xml.leaf("ram:TypeCode", "VAT");
            xml.optional("ram:ExemptionReason", group.exemptionReason());
            xml.leaf("ram:BasisAmount", CiiXml.amount(group.taxable()));
            xml.leaf("ram:CategoryCode", group.category());
            xml.optional("ram:ExemptionReasonCode", group.exemptionCode());
            if (group.rate() != null) {
                xml.leaf("ram:RateApplicablePercent", CiiXml.rate(group.rate()));
            }
            xml.close();
        }
        for (DocumentAdjustment adjustment : draft.adjustments()) {
            xml.open("ram:SpecifiedTradeAllowanceCharge");
            xml.indicator(adjustment.charge());
            xml.leaf("ram:ActualAmount", CiiXml.amount(adjustment.amount()));
            CiiLines.reason(xml, adjustment.reason(), adjustment.charge());
            xml.open("ram:CategoryTradeTax");
            xml.leaf("ram:TypeCode", "VAT");
            xml.leaf("ram:CategoryCode", adjustment.vatCategory());
            if (!"O".equals(adjustment.vatCategory())) {
                xml.leaf("ram:RateApplicablePercent", CiiXml.rate(adjustment.vatRate()));
            }
            xml.close();
            xml.close();
        }
        xml.open("ram:SpecifiedTradePaymentTerms");
        xml.optional("ram:Description", draft.paymentTermsText());
        if (invoice.dueDate() != null) {
            xml.date("ram:DueDateDateTime", "udt:DateTimeString", invoice.dueDate());
        }
        xml.close();
        xml.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        xml.leaf("ram:LineTotalAmount", CiiXml.amount(totals.lineTotal()));
        xml.leaf("ram:ChargeTotalAmount", CiiXml.amount(totals.chargeTotal()));
        xml.leaf("ram:AllowanceTotalAmount", CiiXml.amount(totals.allowanceTotal()));
        xml.leaf("ram:TaxBasisTotalAmount", CiiXml.amount(totals.taxExclusive()));
        xml.leaf(
                "ram:TaxTotalAmount",
                CiiXml.amount(totals.taxTotal()),
                "currencyID",
                draft.currency());
        xml.leaf("ram:GrandTotalAmount", CiiXml.amount(totals.taxInclusive()));
        xml.leaf("ram:DuePayableAmount", CiiXml.amount(totals.payable()));
        xml.close();
        if (!draft.precedingInvoice().isEmpty()) {
            xml.open("ram:InvoiceReferencedDocument");
            xml.leaf("ram:IssuerAssignedID", draft.precedingInvoice());
            if (draft.precedingInvoiceDate() != null) {
                xml.date(
                        "ram:FormattedIssueDateTime",
                        "qdt:DateTimeString",
                        draft.precedingInvoiceDate());
            }
            xml.close();
        }
        xml.close();
    }

    /** BG-16: the means, and for a credit transfer the seller's IBAN and BIC (BT-84, BT-86). */
    private static void paymentMeans(CiiXml xml, Draft draft, SellerProfile seller)
            throws XMLStreamException {
        xml.open("ram:SpecifiedTradeSettlementPaymentMeans");
        xml.leaf("ram:TypeCode", draft.paymentMeansCode());
        if (DraftCheck.CREDIT_TRANSFER.contains(draft.paymentMeansCode())
                && !seller.iban().isEmpty()) {
            xml.open("ram:PayeePartyCreditorFinancialAccount");
            xml.leaf("ram:IBANID", seller.iban());
            xml.close();
            if (!seller.bic().isEmpty()) {
                xml.open("ram:PayeeSpecifiedCreditorFinancialInstitution");
                xml.leaf("ram:BICID", seller.bic());
                xml.close();
            }
        }
        xml.close();
    }
}
