package io.facteur.format.ubl.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.DocumentContextParameterType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.ExchangedDocumentContextType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeAgreementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeSettlementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.LegalOrganizationType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePartyType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePaymentTermsType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.DateTimeType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.TextType;

/**
 * Puts back the business terms that {@code en16931-ubl2cii} 2.1.0 loses or moves, so that the CII
 * says what the UBL says (EN 16931-3-2 and -3-3 syntax bindings):
 *
 * <ul>
 *   <li>BT-27 / BT-44 (UBL {@code PartyLegalEntity/RegistrationName}) belongs in CII {@code Name},
 *       BT-28 / BT-45 (UBL {@code PartyName/Name}) in {@code
 *       SpecifiedLegalOrganization/TradingBusinessName}; the converter swaps them.
 *   <li>BT-9: the converter writes the due date only inside a payment terms element that the UBL
 *       already has; a UBL invoice with a due date and no payment terms loses it.
 *   <li>BT-3: a UBL document without type code (optional in UBL 2.1) gets none in CII, where it is
 *       required; its document element says it is an invoice (380) or a credit note (381).
 *   <li>BT-90: the SEPA creditor identifier, which UBL carries as a seller {@code
 *       PartyIdentification} with scheme SEPA, becomes a seller {@code ID} (BT-29) in CII; it
 *       belongs in {@code ApplicableHeaderTradeSettlement/CreditorReferenceID}.
 *   <li>BT-23: the business process ({@code cbc:ProfileID}) is left out; it belongs in {@code
 *       BusinessProcessSpecifiedDocumentContextParameter/ID}.
 *   <li>BG-6 and BG-9: the seller's and buyer's contacts are left out ({@link CiiContacts}).
 *   <li>BG-18 and BG-19: the payment card (BT-87, BT-88), the mandate reference (BT-89) and the
 *       debited account (BT-91) are left out ({@link CiiPaymentMeans}).
 * </ul>
 *
 * Last, the elements the converter writes empty are removed ({@link EmptyElements}).
 */
final class UblToCiiCorrections {

    private static final DateTimeFormatter FORMAT_102 = DateTimeFormatter.BASIC_ISO_DATE;

    private UblToCiiCorrections() {}

    /**
     * @param seller the UBL seller party, may be null
     * @param buyer the UBL buyer party, may be null
     * @param dueDate BT-9 as the UBL declares it, may be null
     * @param defaultTypeCode 380 for an Invoice element, 381 for a CreditNote element
     * @param businessProcess BT-23 as the UBL declares it, may be null
     * @param paymentMeans the UBL payment means (BG-16), may be null
     */
    static void apply(
            CrossIndustryInvoiceType cii,
            PartyType seller,
            PartyType buyer,
            LocalDate dueDate,
            String defaultTypeCode,
            String businessProcess,
            List<PaymentMeansType> paymentMeans) {
        if (cii.getExchangedDocument() != null
                && isEmpty(cii.getExchangedDocument().getTypeCodeValue())) {
            cii.getExchangedDocument().setTypeCode(defaultTypeCode);
        }
        businessProcess(cii, businessProcess);
        if (cii.getSupplyChainTradeTransaction() != null) {
            parties(cii, seller, buyer, dueDate);
            CiiPaymentMeans.putBack(
                    cii.getSupplyChainTradeTransaction().getApplicableHeaderTradeSettlement(),
                    paymentMeans);
        }
        EmptyElements.remove(cii);
    }

    private static void businessProcess(CrossIndustryInvoiceType cii, String businessProcess) {
        ExchangedDocumentContextType context = cii.getExchangedDocumentContext();
        if (isEmpty(businessProcess)
                || context == null
                || context.hasBusinessProcessSpecifiedDocumentContextParameterEntries()) {
            return;
        }
        DocumentContextParameterType parameter = new DocumentContextParameterType();
        parameter.setID(businessProcess);
        context.addBusinessProcessSpecifiedDocumentContextParameter(parameter);
    }

    private static void parties(
            CrossIndustryInvoiceType cii, PartyType seller, PartyType buyer, LocalDate dueDate) {
        HeaderTradeAgreementType agreement =
                cii.getSupplyChainTradeTransaction().getApplicableHeaderTradeAgreement();
        if (agreement != null) {
            names(agreement.getSellerTradeParty(), seller);
            names(agreement.getBuyerTradeParty(), buyer);
            CiiContacts.putBack(agreement.getSellerTradeParty(), seller);
            CiiContacts.putBack(agreement.getBuyerTradeParty(), buyer);
        }
        HeaderTradeSettlementType settlement =
                cii.getSupplyChainTradeTransaction().getApplicableHeaderTradeSettlement();
        if (settlement != null && dueDate != null) {
            dueDate(settlement, dueDate);
        }
        if (agreement != null && seller != null) {
            creditorId(agreement.getSellerTradeParty(), seller, settlement);
        }
    }

    /** BT-90 out of the seller's identifiers (BT-29), into the creditor reference. */
    private static void creditorId(
            TradePartyType ciiSeller, PartyType ubl, HeaderTradeSettlementType settlement) {
        if (ciiSeller == null) {
            return;
        }
        for (var pi : ubl.getPartyIdentification()) {
            if (pi.getID() == null
                    || pi.getID().getSchemeID() == null
                    || !"SEPA".equalsIgnoreCase(pi.getID().getSchemeID().strip())
                    || isEmpty(pi.getIDValue())) {
                continue;
            }
            String creditor = pi.getIDValue();
            ciiSeller.getID().removeIf(id -> creditor.equals(id.getValue()));
            if (settlement != null && isEmpty(settlement.getCreditorReferenceIDValue())) {
                settlement.setCreditorReferenceID(creditor);
            }
        }
    }

    /** BT-9 of a credit note: the first payment means' due date. */
    static LocalDate paymentDueDate(List<PaymentMeansType> means) {
        for (PaymentMeansType mean : means) {
            if (mean.getPaymentDueDate() != null && mean.getPaymentDueDateValueLocal() != null) {
                return mean.getPaymentDueDateValueLocal();
            }
        }
        return null;
    }

    private static void names(TradePartyType cii, PartyType ubl) {
        if (cii == null || ubl == null || ubl.getPartyLegalEntity().isEmpty()) {
            return;
        }
        PartyLegalEntityType legal = ubl.getPartyLegalEntity().get(0);
        String registrationName = legal.getRegistrationNameValue();
        if (isEmpty(registrationName)) {
            return;
        }
        cii.setName(registrationName);
        LegalOrganizationType organization = cii.getSpecifiedLegalOrganization();
        if (organization != null) {
            String tradingName =
                    ubl.getPartyName().isEmpty() ? null : ubl.getPartyName().get(0).getNameValue();
            if (isEmpty(tradingName)) {
                organization.setTradingBusinessName((TextType) null);
            } else {
                organization.setTradingBusinessName(tradingName);
            }
        }
    }

    private static void dueDate(HeaderTradeSettlementType settlement, LocalDate dueDate) {
        for (TradePaymentTermsType terms : settlement.getSpecifiedTradePaymentTerms()) {
            if (terms.getDueDateDateTime() != null) {
                return;
            }
        }
        TradePaymentTermsType terms =
                settlement.hasSpecifiedTradePaymentTermsEntries()
                        ? settlement.getSpecifiedTradePaymentTermsAtIndex(0)
                        : new TradePaymentTermsType();
        DateTimeType date = new DateTimeType();
        DateTimeType.DateTimeString text =
                new DateTimeType.DateTimeString(dueDate.format(FORMAT_102));
        text.setFormat("102");
        date.setDateTimeString(text);
        terms.setDueDateDateTime(date);
        if (!settlement.hasSpecifiedTradePaymentTermsEntries()) {
            settlement.addSpecifiedTradePaymentTerms(terms);
        }
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isBlank();
    }
}
