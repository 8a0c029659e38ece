package io.facteur.invoicing.internal;

/**
 * The customer an invoice is made out to (BG-7), as the dossier's directory knows it.
 *
 * @param customerId the directory's id of the customer, may be empty for one not yet in it
 * @param name legal name (BT-44)
 * @param legalId legal registration identifier (BT-47): a SIREN in France, may be empty
 * @param vatId VAT identifier (BT-48), may be empty
 * @param address postal address (BG-8)
 * @param email e-mail, for the delivery and as electronic address (BT-49, scheme EM), may be empty
 * @param buyerReference the reference the buyer asked for (BT-10), may be empty
 * @param language the customer's language (ISO 639-1), may be empty
 */
public record Buyer(
        String customerId,
        String name,
        String legalId,
        String vatId,
        Address address,
        String email,
        String buyerReference,
        String language) {
    public Buyer {
        customerId = Address.text(customerId);
        name = Address.text(name);
        legalId = Address.text(legalId);
        vatId = Address.text(vatId);
        email = Address.text(email);
        buyerReference = Address.text(buyerReference);
        language = Address.text(language);
    }
}
