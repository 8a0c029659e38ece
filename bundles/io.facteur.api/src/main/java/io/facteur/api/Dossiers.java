package io.facteur.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The dossiers of this Facteur, provided by the core for capabilities to read. */
@ProviderType
public interface Dossiers {
    /** The dossier, or empty when unknown. */
    Optional<Dossier> find(String dossierId);

    /** The dossier's defaults; built-in defaults when none were set. */
    DossierDefaults defaults(String dossierId);

    /**
     * One dossier.
     *
     * @param id stable id used in URLs and configuration names
     * @param name display name
     * @param country ISO 3166-1 alpha-2
     * @param registrationId legal registration (SIREN, HRB, ...), may be empty
     * @param vatNumber VAT identifier, may be empty
     * @param language ISO 639-1 language of its pages, mails and invoices
     */
    record Dossier(
            String id,
            String name,
            String country,
            String registrationId,
            String vatNumber,
            String language) {}

    /**
     * What a dossier does unless told otherwise.
     *
     * @param language default language of generated invoices and mails
     * @param paymentTermDays default payment term in days
     * @param automaticDelivery whether imported invoices are sent on arrival
     * @param allowReceiverXmlChanges whether receiver adapters may change the file type and tags
     * @param duplicateMode what a duplicate does
     */
    record DossierDefaults(
            String language,
            int paymentTermDays,
            boolean automaticDelivery,
            boolean allowReceiverXmlChanges,
            DuplicateMode duplicateMode) {}

    /** What a detected duplicate does. */
    enum DuplicateMode {
        /** Duplicates are not looked for. */
        OFF,
        /** A duplicate is flagged and shown, and delivered as usual. */
        WARN,
        /** A duplicate is never sent to the customer until a user releases it. */
        BLOCK
    }
}
