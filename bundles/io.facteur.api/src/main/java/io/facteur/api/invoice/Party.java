package io.facteur.api.invoice;

/**
 * A seller (BG-4) or buyer (BG-7).
 *
 * @param name BT-27 / BT-44 name
 * @param identifier BT-29 / BT-46 identifier, empty when not given
 * @param legalRegistrationId BT-30 / BT-47 legal registration (SIREN, ...), empty when not given
 * @param vatId BT-31 / BT-48 VAT identifier, empty when not given
 * @param electronicAddress BT-34 / BT-49 electronic address, empty when not given
 * @param address BG-5 / BG-8 postal address
 */
public record Party(
        String name,
        String identifier,
        String legalRegistrationId,
        String vatId,
        String electronicAddress,
        PostalAddress address) {

    public Party {
        name = name == null ? "" : name;
        identifier = identifier == null ? "" : identifier;
        legalRegistrationId = legalRegistrationId == null ? "" : legalRegistrationId;
        vatId = vatId == null ? "" : vatId;
        electronicAddress = electronicAddress == null ? "" : electronicAddress;
    }
}
