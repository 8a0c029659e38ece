package io.facteur.core.internal.rest;

import java.util.List;
import java.util.Locale;

/**
 * The language of a PDF view: the {@code lang} query parameter when given, otherwise the first of
 * French, English and German that the caller accepts, otherwise French.
 */
final class RenderingLanguage {
    static final List<String> LANGUAGES = List.of("fr", "en", "de");

    private RenderingLanguage() {}

    /**
     * @param lang the {@code lang} query parameter, may be null
     * @param acceptable the Accept-Language entries, best first
     * @throws ProblemException when {@code lang} is given and is none of the three
     */
    static Locale of(String lang, List<Locale> acceptable) {
        if (lang != null && !lang.isBlank()) {
            String asked = lang.strip().toLowerCase(Locale.ROOT);
            if (!LANGUAGES.contains(asked)) {
                throw new ProblemException(
                        ProblemType.MALFORMED_REQUEST,
                        "lang must be one of " + String.join(", ", LANGUAGES));
            }
            return Locale.forLanguageTag(asked);
        }
        for (Locale accepted : acceptable) {
            if (LANGUAGES.contains(accepted.getLanguage())) {
                return Locale.forLanguageTag(accepted.getLanguage());
            }
        }
        return Locale.FRENCH;
    }
}
