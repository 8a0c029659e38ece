package io.facteur.invoicing.internal;

/**
 * The dossier's rule for the language of an invoice whose draft names none: always the company's
 * language, or the customer's when Facteur has its labels. Where the rule is kept is not decided
 * yet; issuing asks it through this callback.
 */
@FunctionalInterface
public interface LanguageRule {

    /** The ISO 639-1 language (fr, en or de) of an invoice of that dossier to that buyer. */
    String language(String dossier, Buyer buyer);

    /** Always the company's language. */
    static LanguageRule company(String language) {
        return (dossier, buyer) -> language;
    }

    /** The customer's language when it is fr, en or de, else the company's. */
    static LanguageRule customerOr(String companyLanguage) {
        return (dossier, buyer) ->
                buyer != null && DraftCheck.LANGUAGES.contains(buyer.language())
                        ? buyer.language()
                        : companyLanguage;
    }
}
