package io.facteur.api;

import io.facteur.api.invoice.PostalAddress;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A dossier's customer directory, provided by the core: the customers its invoices name, with what
 * users added (e-mail addresses, language, receiver references). Capabilities that write invoices
 * read it to fill a buyer, and add the customers they invoice first.
 */
@ProviderType
public interface Customers {
    /** The customer, or empty when the dossier has none of that id. */
    Optional<Entry> find(String dossier, String customerId);

    /**
     * Customers whose name, e-mail or identifiers contain the text (all when blank), by name.
     *
     * @param limit at most this many, 1 to 500
     */
    List<Entry> search(String dossier, String text, int limit);

    /**
     * The customer these identifiers name (its VAT identifier, else its legal registration, else
     * its name), added to the directory when it has none; an existing entry keeps what users set.
     *
     * @return the customer as the directory now holds it
     */
    Entry register(String dossier, NewCustomer customer);

    /**
     * One customer.
     *
     * @param id stable id
     * @param name display name
     * @param emails e-mail addresses, may be empty
     * @param language ISO 639-1, empty when unknown
     * @param address postal address, null when unknown
     * @param buyerReference BT-10 a receiver requires (a Leitweg-ID), empty when none
     * @param electronicAddress BT-49 as {@code scheme:value}, empty when none
     */
    record Entry(
            String id,
            String name,
            List<String> emails,
            String language,
            PostalAddress address,
            String buyerReference,
            String electronicAddress) {
        public Entry {
            emails = emails == null ? List.of() : List.copyOf(emails);
            language = language == null ? "" : language;
            buyerReference = buyerReference == null ? "" : buyerReference;
            electronicAddress = electronicAddress == null ? "" : electronicAddress;
        }
    }

    /**
     * A customer as an invoice names it.
     *
     * @param name legal name (BT-44)
     * @param vatId VAT identifier (BT-48), may be empty
     * @param legalId legal registration identifier (BT-47), may be empty
     * @param email e-mail address, may be empty
     * @param language ISO 639-1, may be empty
     * @param address postal address, may be null
     */
    record NewCustomer(
            String name,
            String vatId,
            String legalId,
            String email,
            String language,
            PostalAddress address) {}
}
