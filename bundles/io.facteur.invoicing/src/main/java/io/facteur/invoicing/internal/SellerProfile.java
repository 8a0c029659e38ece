package io.facteur.invoicing.internal;

/**
 * What a dossier states about itself on the invoices it creates (BG-4 and its payment details).
 *
 * @param legalName registered name (BT-27)
 * @param tradingName trading name (BT-28), may be empty
 * @param siren legal registration identifier (BT-30): a SIREN in France, may be empty elsewhere
 * @param siret establishment identifier (BT-29, scheme 0009), may be empty
 * @param vatId VAT identifier with its country prefix (BT-31), may be empty
 * @param address the seller's address (BG-5)
 * @param email contact e-mail (BT-43) and electronic address (BT-34, scheme EM), may be empty
 * @param phone contact phone (BT-42), may be empty
 * @param iban account to pay to (BT-84), may be empty
 * @param bic its bank (BT-86), may be empty
 * @param logo a PNG or JPEG shown at the top of the first page, may be empty
 * @param legalMentions legal text printed at the foot and carried as a note (BT-22, subject code
 *     REG), e.g. the company's capital and registry court, may be empty
 * @param latePaymentText late-payment penalties and the fixed recovery indemnity, carried as a note
 *     (subject code PMD), may be empty
 * @param paymentTerm how the due date follows from the issue date
 */
public record SellerProfile(
        String legalName,
        String tradingName,
        String siren,
        String siret,
        String vatId,
        Address address,
        String email,
        String phone,
        String iban,
        String bic,
        byte[] logo,
        String legalMentions,
        String latePaymentText,
        PaymentTerm paymentTerm) {
    public SellerProfile {
        legalName = Address.text(legalName);
        tradingName = Address.text(tradingName);
        siren = Address.text(siren);
        siret = Address.text(siret);
        vatId = Address.text(vatId);
        email = Address.text(email);
        phone = Address.text(phone);
        iban = Address.text(iban).replace(" ", "");
        bic = Address.text(bic);
        logo = logo == null ? new byte[0] : logo.clone();
        legalMentions = Address.text(legalMentions);
        latePaymentText = Address.text(latePaymentText);
    }
}
