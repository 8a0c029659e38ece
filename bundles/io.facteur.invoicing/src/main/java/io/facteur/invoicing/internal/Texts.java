package io.facteur.invoicing.internal;

import java.util.Locale;

/** The texts of the REST answers (problem titles and details) in the caller's language. */
final class Texts {
    private final String language;
    private final LocalizedTexts texts;

    private Texts(String language) {
        this.language = language;
        this.texts = LocalizedTexts.of("Rest", language);
    }

    /** The texts in French, English or German; another language gets English. */
    static Texts of(String language) {
        return new Texts(DraftCheck.LANGUAGES.contains(language) ? language : "en");
    }

    String language() {
        return language;
    }

    Locale locale() {
        return Locale.forLanguageTag(language);
    }

    String text(String key, Object... arguments) {
        return texts.text(key, arguments);
    }
}
