package io.facteur.format.ubl.internal;

import static io.facteur.format.ubl.internal.UblParties.orEmpty;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.InvoiceLine;
import io.facteur.api.invoice.Party;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CreditNoteLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.InvoiceLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;

/** Maps a UBL 2.1 Invoice or CreditNote to the semantic {@link Invoice}, as declared. */
final class UblInvoiceMapper {

    private static final String COMMERCIAL_INVOICE = "380";
    private static final String CREDIT_NOTE = "381";

    Invoice map(InvoiceType ubl) throws UnreadableInvoiceException {
        String number = required(ubl.getIDValue(), ubl.getIssueDateValueLocal());
        String currency = orEmpty(ubl.getDocumentCurrencyCodeValue());
        List<InvoiceLine> lines = new ArrayList<>();
        for (InvoiceLineType line : ubl.getInvoiceLine()) {
            lines.add(UblLines.line(line));
        }
        LocalDate due = ubl.getDueDateValueLocal();
        return new Invoice(
                number,
                ubl.getIssueDateValueLocal(),
                typeCode(ubl.getInvoiceTypeCodeValue(), COMMERCIAL_INVOICE),
                currency,
                due == null ? paymentDueDate(ubl.getPaymentMeans()) : due,
                orEmpty(ubl.getBuyerReferenceValue()),
                orEmpty(ubl.getCustomizationIDValue()),
                seller(ubl.getAccountingSupplierParty()),
                buyer(ubl.getAccountingCustomerParty()),
                lines,
                UblTaxes.breakdown(ubl.getTaxTotal(), currency),
                UblTotals.totals(
                        number,
                        ubl.getLegalMonetaryTotal(),
                        ubl.getTaxTotal(),
                        currency,
                        orEmpty(ubl.getTaxCurrencyCodeValue())));
    }

    Invoice map(CreditNoteType ubl) throws UnreadableInvoiceException {
        String number = required(ubl.getIDValue(), ubl.getIssueDateValueLocal());
        String currency = orEmpty(ubl.getDocumentCurrencyCodeValue());
        List<InvoiceLine> lines = new ArrayList<>();
        for (CreditNoteLineType line : ubl.getCreditNoteLine()) {
            lines.add(UblLines.line(line));
        }
        return new Invoice(
                number,
                ubl.getIssueDateValueLocal(),
                typeCode(ubl.getCreditNoteTypeCodeValue(), CREDIT_NOTE),
                currency,
                paymentDueDate(ubl.getPaymentMeans()),
                orEmpty(ubl.getBuyerReferenceValue()),
                orEmpty(ubl.getCustomizationIDValue()),
                seller(ubl.getAccountingSupplierParty()),
                buyer(ubl.getAccountingCustomerParty()),
                lines,
                UblTaxes.breakdown(ubl.getTaxTotal(), currency),
                UblTotals.totals(
                        number,
                        ubl.getLegalMonetaryTotal(),
                        ubl.getTaxTotal(),
                        currency,
                        orEmpty(ubl.getTaxCurrencyCodeValue())));
    }

    private static String required(String number, LocalDate issueDate)
            throws UnreadableInvoiceException {
        if (number == null || number.isBlank()) {
            throw new UnreadableInvoiceException("The invoice has no number (BT-1)");
        }
        if (issueDate == null) {
            throw new UnreadableInvoiceException(
                    "Invoice " + number.strip() + " has no issue date (BT-2)");
        }
        return number.strip();
    }

    /**
     * BT-3. The type code is optional in UBL 2.1 (older credit notes omit it); the document element
     * then declares the kind: an Invoice is a commercial invoice, a CreditNote a credit note.
     */
    private static String typeCode(String declared, String byDocumentElement) {
        return declared == null || declared.isBlank() ? byDocumentElement : declared.strip();
    }

    /** In a credit note, BT-9 travels in the payment means. */
    private static LocalDate paymentDueDate(List<PaymentMeansType> means) {
        for (PaymentMeansType payment : means) {
            if (payment.getPaymentDueDateValueLocal() != null) {
                return payment.getPaymentDueDateValueLocal();
            }
        }
        return null;
    }

    private static Party seller(SupplierPartyType supplier) {
        return supplier == null ? null : UblParties.party(supplier.getParty());
    }

    private static Party buyer(CustomerPartyType customer) {
        return customer == null ? null : UblParties.party(customer.getParty());
    }
}
