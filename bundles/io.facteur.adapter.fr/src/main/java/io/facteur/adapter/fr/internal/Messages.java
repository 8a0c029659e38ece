package io.facteur.adapter.fr.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The reasons the adapters give, in French, English or German: the language of the settings key
 * {@value #LANGUAGE} when the core passes one, else English.
 */
final class Messages {

    /** Settings key of the language reasons are written in ({@code fr}, {@code en}, {@code de}). */
    static final String LANGUAGE = "language";

    private static final String BUNDLE = "io.facteur.adapter.fr.internal.messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle =
                ResourceBundle.getBundle(
                        BUNDLE,
                        locale,
                        Messages.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(
                                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Messages of(Locale locale) {
        return new Messages(locale);
    }

    /** The texts in the language these settings name; English without one. */
    static Messages of(Map<String, Object> settings) {
        Object language = settings.get(LANGUAGE);
        return of(
                language instanceof String tag && tag.matches("[A-Za-z]{2}")
                        ? Locale.forLanguageTag(tag)
                        : Locale.ENGLISH);
    }

    /** The language of these texts. */
    Locale locale() {
        return locale;
    }

    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
