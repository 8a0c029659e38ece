package io.facteur.invoicing.internal;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The bundle's user-visible texts in French, English or German, looked up without falling back to
 * the server's default locale: an invoice in English must not get German texts because the server
 * runs in Germany. Placeholders are {@code {0}}, {@code {1}}, replaced as written (no MessageFormat
 * quoting, so apostrophes stay single).
 */
final class LocalizedTexts {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private LocalizedTexts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** The texts of a bundle of this package (such as {@code Vat}) in this language. */
    static LocalizedTexts of(String name, Locale locale) {
        Locale language =
                switch (locale == null ? "" : locale.getLanguage()) {
                    case "fr" -> Locale.FRENCH;
                    case "de" -> Locale.GERMAN;
                    default -> Locale.ROOT;
                };
        return new LocalizedTexts(
                ResourceBundle.getBundle(
                        LocalizedTexts.class.getPackageName() + "." + name,
                        language,
                        LocalizedTexts.class.getClassLoader(),
                        NO_FALLBACK));
    }

    /** The texts of a bundle in the language of this ISO 639-1 code. */
    static LocalizedTexts of(String name, String language) {
        return of(name, Locale.forLanguageTag(language == null ? "" : language));
    }

    /** The text of this key with its placeholders filled. */
    String text(String key, Object... arguments) {
        String text = bundle.getString(key);
        for (int i = 0; i < arguments.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return text;
    }
}
