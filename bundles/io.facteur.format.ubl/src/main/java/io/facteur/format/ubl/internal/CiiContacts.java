package io.facteur.format.ubl.internal;

import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ContactType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeContactType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePartyType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.UniversalCommunicationType;

/**
 * Puts a UBL party's contact into the CII party, which {@code en16931-ubl2cii} 2.1.0 leaves out:
 * BG-6 for the seller (BT-41 contact point, BT-42 telephone, BT-43 e-mail; XRechnung requires it,
 * BR-DE-2), BG-9 for the buyer (BT-56, BT-57, BT-58), bound as EN 16931-3-3 says: {@code
 * DefinedTradeContact} with {@code PersonName}, {@code
 * TelephoneUniversalCommunication/CompleteNumber} and {@code EmailURIUniversalCommunication/URIID}.
 */
final class CiiContacts {

    private CiiContacts() {}

    static void putBack(TradePartyType cii, PartyType ubl) {
        if (cii == null
                || ubl == null
                || ubl.getContact() == null
                || cii.hasDefinedTradeContactEntries()) {
            return;
        }
        ContactType contact = ubl.getContact();
        TradeContactType written = new TradeContactType();
        boolean any = false;
        if (isText(contact.getNameValue())) {
            written.setPersonName(contact.getNameValue());
            any = true;
        }
        if (isText(contact.getTelephoneValue())) {
            UniversalCommunicationType telephone = new UniversalCommunicationType();
            telephone.setCompleteNumber(contact.getTelephoneValue());
            written.setTelephoneUniversalCommunication(telephone);
            any = true;
        }
        if (isText(contact.getElectronicMailValue())) {
            UniversalCommunicationType email = new UniversalCommunicationType();
            email.setURIID(contact.getElectronicMailValue());
            written.setEmailURIUniversalCommunication(email);
            any = true;
        }
        if (any) {
            cii.addDefinedTradeContact(written);
        }
    }

    private static boolean isText(String value) {
        return value != null && !value.isBlank();
    }
}
