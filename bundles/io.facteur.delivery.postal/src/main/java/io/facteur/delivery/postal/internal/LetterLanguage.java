package io.facteur.delivery.postal.internal;

import java.util.Locale;

/** The languages an address sheet is written in, with the conventions of their main country. */
enum LetterLanguage {
    FR(Locale.FRANCE),
    EN(Locale.UK),
    DE(Locale.GERMANY);

    private final Locale locale;

    LetterLanguage(Locale locale) {
        this.locale = locale;
    }

    /** The language of an ISO 639-1 code ({@code fr}, {@code de-AT}); English otherwise. */
    static LetterLanguage of(String code) {
        String language = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
        if (language.startsWith("fr")) {
            return FR;
        }
        if (language.startsWith("de")) {
            return DE;
        }
        return EN;
    }

    Locale locale() {
        return locale;
    }

    Messages messages() {
        return Messages.of(locale);
    }
}
