package io.facteur.invoicing.internal;

import java.util.Locale;
import javax.xml.stream.XMLStreamException;

/**
 * Writes the trade agreement (seller BG-4, buyer BG-7, references) and the delivery of a CII
 * invoice. Identifiers carry the ISO 6523 scheme Factur-X uses in France: SIRET as global id 0009
 * (BT-29), SIREN as legal registration 0002 (BT-30, BT-47); VAT numbers scheme VA, e-mail addresses
 * scheme EM. An invoice not subject to VAT states no VAT number (BR-O-02).
 */
final class CiiParties {

    private CiiParties() {}

    static void agreement(CiiXml xml, IssuedInvoice invoice) throws XMLStreamException {
        Draft draft = invoice.draft();
        boolean statesVatIds = !LineChecks.usesCategoryO(draft);
        xml.open("ram:ApplicableHeaderTradeAgreement");
        xml.optional("ram:BuyerReference", draft.buyer().buyerReference());
        seller(xml, invoice.seller(), statesVatIds);
        buyer(xml, draft.buyer(), statesVatIds);
        if (!draft.purchaseOrder().isEmpty()) {
            xml.open("ram:BuyerOrderReferencedDocument");
            xml.leaf("ram:IssuerAssignedID", draft.purchaseOrder());
            xml.close();
        }
        xml.close();
    }

    /**
     * The delivery: its date (BT-72, the date of the sale or service that French and German law
     * require), and for an intra-community supply where the goods went (BR-IC-11, BR-IC-12).
     */
    static void delivery(CiiXml xml, IssuedInvoice invoice) throws XMLStreamException {
        Draft draft = invoice.draft();
        xml.open("ram:ApplicableHeaderTradeDelivery");
        boolean intraCommunity =
                draft.lines().stream().anyMatch(l -> "K".equals(l.vatCategory()))
                        || draft.adjustments().stream().anyMatch(a -> "K".equals(a.vatCategory()));
        if (intraCommunity) {
            xml.open("ram:ShipToTradeParty");
            xml.leaf("ram:Name", draft.buyer().name());
            address(xml, draft.buyer().address());
            xml.close();
        }
        xml.open("ram:ActualDeliverySupplyChainEvent");
        xml.date(
                "ram:OccurrenceDateTime",
                "udt:DateTimeString",
                draft.deliveryDate() != null ? draft.deliveryDate() : invoice.issueDate());
        xml.close();
        xml.close();
    }

    private static void seller(CiiXml xml, SellerProfile seller, boolean statesVatIds)
            throws XMLStreamException {
        xml.open("ram:SellerTradeParty");
        if (seller.siret().matches("[0-9]{14}")) {
            xml.leaf("ram:GlobalID", seller.siret(), "schemeID", "0009");
        } else {
            xml.optional("ram:ID", seller.siret());
        }
        xml.leaf("ram:Name", seller.legalName());
        if (!seller.siren().isEmpty() || !seller.tradingName().isEmpty()) {
            xml.open("ram:SpecifiedLegalOrganization");
            legalId(xml, seller.siren());
            xml.optional("ram:TradingBusinessName", seller.tradingName());
            xml.close();
        }
        if (!seller.phone().isEmpty() || !seller.email().isEmpty()) {
            xml.open("ram:DefinedTradeContact");
            if (!seller.phone().isEmpty()) {
                xml.open("ram:TelephoneUniversalCommunication");
                xml.leaf("ram:CompleteNumber", seller.phone());
                xml.close();
            }
            if (!seller.email().isEmpty()) {
                xml.open("ram:EmailURIUniversalCommunication");
                xml.leaf("ram:URIID", seller.email());
                xml.close();
            }
            xml.close();
        }
        address(xml, seller.address());
        electronicAddress(xml, seller.email());
        vatId(xml, statesVatIds ? seller.vatId() : "");
        xml.close();
    }

    private static void buyer(CiiXml xml, Buyer buyer, boolean statesVatIds)
            throws XMLStreamException {
        xml.open("ram:BuyerTradeParty");
        xml.leaf("ram:Name", buyer.name());
        if (!buyer.legalId().isEmpty()) {
            xml.open("ram:SpecifiedLegalOrganization");
            legalId(xml, buyer.legalId());
            xml.close();
        }
        address(xml, buyer.address());
        electronicAddress(xml, buyer.email());
        vatId(xml, statesVatIds ? buyer.vatId() : "");
        xml.close();
    }

    /** A SIREN (nine digits) with scheme 0002; any other registration id without a scheme. */
    private static void legalId(CiiXml xml, String id) throws XMLStreamException {
        if (id.matches("[0-9]{9}")) {
            xml.leaf("ram:ID", id, "schemeID", "0002");
        } else {
            xml.optional("ram:ID", id);
        }
    }

    static void address(CiiXml xml, Address address) throws XMLStreamException {
        xml.open("ram:PostalTradeAddress");
        xml.optional("ram:PostcodeCode", address.postcode());
        xml.optional("ram:LineOne", address.line1());
        xml.optional("ram:LineTwo", address.line2());
        xml.optional("ram:CityName", address.city());
        xml.leaf("ram:CountryID", address.countryCode());
        xml.close();
    }

    private static void electronicAddress(CiiXml xml, String email) throws XMLStreamException {
        if (!email.isEmpty()) {
            xml.open("ram:URIUniversalCommunication");
            xml.leaf("ram:URIID", email, "schemeID", "EM");
            xml.close();
        }
    }

    private static void vatId(CiiXml xml, String vatId) throws XMLStreamException {
        if (!vatId.isEmpty()) {
            xml.open("ram:SpecifiedTaxRegistration");
            xml.leaf("ram:ID", compact(vatId), "schemeID", "VA");
            xml.close();
        }
    }

    /** A VAT number as it is exchanged: no spaces, upper case. */
    static String compact(String vatId) {
        return vatId.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
