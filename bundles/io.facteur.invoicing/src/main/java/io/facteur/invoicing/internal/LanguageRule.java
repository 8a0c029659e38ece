package io.facteur.invoicing.internal;

import io.facteur.api.Customers;
import io.facteur.api.Dossiers;

/**
 * The dossier's rule for the language of an invoice whose draft names none: always the company's
 * language, or the customer's when Facteur has its labels (the dossier's {@code languageSource}
 * setting). Issuing asks it through this callback.
 */
@FunctionalInterface
public interface LanguageRule {

    /** The ISO 639-1 language (fr, en or de) of an invoice of that dossier to that buyer. */
    String language(String dossier, Buyer buyer);

    /** Always the company's language. */
    static LanguageRule company(String language) {
        return (dossier, buyer) -> language;
    }

    /**
     * The rule each dossier sets: its {@link Dossiers.LanguageSource} and language, the customer's
     * language as the directory knows it when the draft's buyer names none.
     */
    static LanguageRule of(Dossiers dossiers, Customers customers) {
        return (dossier, buyer) -> {
            Dossiers.DossierDefaults defaults = dossiers.defaults(dossier);
            String company =
                    DraftCheck.LANGUAGES.contains(defaults.language()) ? defaults.language() : "fr";
            if (defaults.languageSource() != Dossiers.LanguageSource.CUSTOMER || buyer == null) {
                return company;
            }
            String customer = buyer.language();
            if (customer.isEmpty() && customers != null && !buyer.customerId().isEmpty()) {
                customer =
                        customers
                                .find(dossier, buyer.customerId())
                                .map(Customers.Entry::language)
                                .orElse("");
            }
            return DraftCheck.LANGUAGES.contains(customer) ? customer : company;
        };
    }

    /** The customer's language when it is fr, en or de, else the company's. */
    static LanguageRule customerOr(String companyLanguage) {
        return (dossier, buyer) ->
                buyer != null && DraftCheck.LANGUAGES.contains(buyer.language())
                        ? buyer.language()
                        : companyLanguage;
    }
}
