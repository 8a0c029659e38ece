package io.facteur.core.internal.customer;

import io.facteur.api.invoice.PostalAddress;
import java.time.Instant;
import java.util.List;

/**
 * One customer of a dossier, as the directory knows it: filled from the buyers of its invoices,
 * edited by users. Delivery reads it at the moment of each send.
 *
 * @param id stable id
 * @param dossier the dossier
 * @param matchKey how invoices find it: the buyer's VAT id, else its legal registration, else its
 *     identifier, else its name, normalised
 * @param name display name
 * @param emails e-mail addresses, may be empty
 * @param language ISO 639-1 language, null when unknown (the dossier's is used)
 * @param address postal address, null when unknown
 * @param preferredChannel a delivery channel's capability id, null to let Facteur choose
 * @param preferredFormat a format id, or a receiver adapter's capability id, null for the original
 * @param buyerReference the buyer reference a receiver requires (BT-10, a Leitweg-ID), null when
 *     none
 * @param electronicAddress the buyer's electronic address for networks (BT-49, {@code
 *     scheme:value}), null when none
 * @param editedBy who last edited it, null when only invoices filled it
 * @param updatedAt when it last changed
 */
public record Customer(
        String id,
        String dossier,
        String matchKey,
        String name,
        List<String> emails,
        String language,
        PostalAddress address,
        String preferredChannel,
        String preferredFormat,
        String buyerReference,
        String electronicAddress,
        String editedBy,
        Instant updatedAt) {
    public Customer {
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
