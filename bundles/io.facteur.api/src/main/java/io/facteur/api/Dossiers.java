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
     * @param retentionYears how long archived documents are kept from their issue date; never below
     *     {@link #LEGAL_RETENTION_YEARS}
     * @param languageSource whose language mails and generated invoices use
     * @param correctionHours how long a bounced e-mail waits for a corrected address before it goes
     *     by post
     */
    record DossierDefaults(
            String language,
            int paymentTermDays,
            boolean automaticDelivery,
            boolean allowReceiverXmlChanges,
            DuplicateMode duplicateMode,
            int retentionYears,
            LanguageSource languageSource,
            int correctionHours) {
        public DossierDefaults {
            retentionYears = Math.max(retentionYears, LEGAL_RETENTION_YEARS);
            languageSource = languageSource == null ? LanguageSource.COMPANY : languageSource;
            correctionHours = Math.max(correctionHours, 0);
        }
    }

    /** The legal retention of an invoice from its issue date (French and German law). */
    int LEGAL_RETENTION_YEARS = 10;

    /** Whose language a dossier's mails and generated invoices use. */
    enum LanguageSource {
        /** The dossier's own language. */
        COMPANY,
        /** The customer's language when the directory knows it, else the dossier's. */
        CUSTOMER
    }

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
