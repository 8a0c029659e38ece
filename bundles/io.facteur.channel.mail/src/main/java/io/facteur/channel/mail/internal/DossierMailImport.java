package io.facteur.channel.mail.internal;

import java.util.List;

/**
 * How mail reaches one dossier.
 *
 * @param address the plus-address to mail invoices to, empty when the platform has no import
 *     address set
 * @param token the token to put in the subject (or after the {@code +} of the address)
 * @param trustedSenders senders whose mails are imported without the token
 * @param senderAuthenticationRequired whether a trusted sender must pass SPF or DKIM
 */
public record DossierMailImport(
        String dossier,
        String address,
        String token,
        List<String> trustedSenders,
        boolean senderAuthenticationRequired) {}
