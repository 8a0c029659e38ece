package io.facteur.format.ubl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.OrderReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyIdentificationType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.IDType;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeAgreementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePartyType;

/**
 * Puts back what {@code en16931-cii2ubl} 3.1.3 loses or writes empty:
 *
 * <ul>
 *   <li>BT-29 / BT-46 (seller and buyer identifiers, repeatable): a party with both its own
 *       identifier ({@code ram:ID}) and a global one ({@code ram:GlobalID}) comes out with the
 *       global one only. The UBL party then lists the CII's identifiers in the CII's order (own
 *       ones first, then global ones, each with its scheme), followed by any other identification
 *       the converter wrote.
 *   <li>BT-14 without BT-13: a sales order reference without purchase order reference comes out
 *       with an empty {@code cac:OrderReference/cbc:ID}, which UBL requires; Peppol BIS Billing 3.0
 *       says to write {@value #NO_PURCHASE_ORDER} there.
 * </ul>
 *
 * Last, the elements the converter writes empty are removed ({@link EmptyElements}).
 */
final class CiiToUblCorrections {

    /** BT-13 when there is none, where UBL requires one: Peppol BIS Billing 3.0, BT-14. */
    static final String NO_PURCHASE_ORDER = "NA";

    private CiiToUblCorrections() {}

    static void apply(CrossIndustryInvoiceType cii, Object ubl) {
        SupplierPartyType supplier = null;
        CustomerPartyType customer = null;
        OrderReferenceType order = null;
        if (ubl instanceof InvoiceType invoice) {
            supplier = invoice.getAccountingSupplierParty();
            customer = invoice.getAccountingCustomerParty();
            order = invoice.getOrderReference();
        } else if (ubl instanceof CreditNoteType note) {
            supplier = note.getAccountingSupplierParty();
            customer = note.getAccountingCustomerParty();
            order = note.getOrderReference();
        }
        HeaderTradeAgreementType agreement =
                cii.getSupplyChainTradeTransaction() == null
                        ? null
                        : cii.getSupplyChainTradeTransaction().getApplicableHeaderTradeAgreement();
        if (agreement != null && supplier != null) {
            identifiers(agreement.getSellerTradeParty(), supplier.getParty());
        }
        if (agreement != null && customer != null) {
            identifiers(agreement.getBuyerTradeParty(), customer.getParty());
        }
        if (order != null
                && isEmpty(order.getIDValue())
                && !isEmpty(order.getSalesOrderIDValue())) {
            order.setID(NO_PURCHASE_ORDER);
        }
        EmptyElements.remove(ubl);
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isBlank();
    }

    private static void identifiers(TradePartyType cii, PartyType ubl) {
        if (cii == null || ubl == null) {
            return;
        }
        List<PartyIdentificationType> wanted = new ArrayList<>();
        for (var id : cii.getID()) {
            add(wanted, id.getValue(), id.getSchemeID());
        }
        for (var id : cii.getGlobalID()) {
            add(wanted, id.getValue(), id.getSchemeID());
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<PartyIdentificationType> others = new ArrayList<>();
        for (PartyIdentificationType written : ubl.getPartyIdentification()) {
            boolean known =
                    wanted.stream()
                            .anyMatch(
                                    w ->
                                            written.getID() != null
                                                    && Objects.equals(
                                                            w.getIDValue(), written.getIDValue())
                                                    && Objects.equals(
                                                            w.getID().getSchemeID(),
                                                            written.getID().getSchemeID()));
            if (!known) {
                others.add(written);
            }
        }
        ubl.getPartyIdentification().clear();
        ubl.getPartyIdentification().addAll(wanted);
        ubl.getPartyIdentification().addAll(others);
    }

    private static void add(List<PartyIdentificationType> to, String value, String scheme) {
        if (value == null || value.isBlank()) {
            return;
        }
        IDType id = new IDType();
        id.setValue(value);
        if (scheme != null && !scheme.isBlank()) {
            id.setSchemeID(scheme);
        }
        PartyIdentificationType pi = new PartyIdentificationType();
        pi.setID(id);
        to.add(pi);
    }
}
