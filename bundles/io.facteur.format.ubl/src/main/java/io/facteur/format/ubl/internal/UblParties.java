package io.facteur.format.ubl.internal;

import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyIdentificationType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyTaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;

/** Maps a UBL party (seller BG-4, buyer BG-7) to a {@link Party}. */
final class UblParties {

    private UblParties() {}

    static Party party(PartyType party) {
        if (party == null) {
            return null;
        }
        PartyLegalEntityType legal =
                party.getPartyLegalEntity().isEmpty() ? null : party.getPartyLegalEntity().get(0);
        return new Party(
                name(party, legal),
                identifier(party),
                legal == null ? "" : legal.getCompanyIDValue(),
                vatId(party),
                party.getEndpointID() == null ? "" : party.getEndpointID().getValue(),
                address(party.getPostalAddress()));
    }

    /**
     * BT-29 / BT-46, as the CII reader takes it: the first identifier without a scheme (the
     * seller's own), else the first with one; never the SEPA creditor identifier (BT-90), which UBL
     * also puts in a PartyIdentification, with scheme SEPA.
     */
    private static String identifier(PartyType party) {
        String withScheme = "";
        for (PartyIdentificationType pi : party.getPartyIdentification()) {
            if (pi.getID() == null || pi.getIDValue() == null || pi.getIDValue().isBlank()) {
                continue;
            }
            String scheme = pi.getID().getSchemeID();
            if (scheme == null || scheme.isBlank()) {
                return pi.getIDValue().strip();
            }
            if (withScheme.isEmpty() && !"SEPA".equalsIgnoreCase(scheme.strip())) {
                withScheme = pi.getIDValue().strip();
            }
        }
        return withScheme;
    }

    /** BT-27 is the registration name; the trading name (BT-28) stands in when it is missing. */
    private static String name(PartyType party, PartyLegalEntityType legal) {
        if (legal != null && legal.getRegistrationNameValue() != null) {
            return legal.getRegistrationNameValue().strip();
        }
        return party.getPartyName().isEmpty()
                ? ""
                : String.valueOf(party.getPartyName().get(0).getNameValue()).strip();
    }

    /** BT-31 / BT-48: the company id under tax scheme VAT (others are local tax numbers). */
    private static String vatId(PartyType party) {
        for (PartyTaxSchemeType scheme : party.getPartyTaxScheme()) {
            if (scheme.getTaxScheme() != null && "VAT".equals(scheme.getTaxScheme().getIDValue())) {
                return scheme.getCompanyIDValue();
            }
        }
        return "";
    }

    private static PostalAddress address(AddressType address) {
        if (address == null) {
            return null;
        }
        return new PostalAddress(
                orEmpty(address.getStreetNameValue()),
                orEmpty(address.getAdditionalStreetNameValue()),
                orEmpty(address.getCityNameValue()),
                orEmpty(address.getPostalZoneValue()),
                address.getCountry() == null
                        ? ""
                        : orEmpty(address.getCountry().getIdentificationCodeValue()));
    }

    static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
