package io.facteur.channel.api.internal;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/** The channel's texts (problem titles and details) in French, English or German. */
final class Texts {
    private static final String BUNDLE = "io.facteur.channel.api.internal.texts";
    private static final List<String> LANGUAGES = List.of("fr", "de", "en");

    private final Locale locale;
    private final ResourceBundle bundle;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle =
                ResourceBundle.getBundle(
                        BUNDLE,
                        locale,
                        Texts.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(
                                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The texts in this language; English for a language without its own texts. */
    static Texts of(Locale locale) {
        return new Texts(
                LANGUAGES.contains(locale.getLanguage())
                        ? Locale.forLanguageTag(locale.getLanguage())
                        : Locale.ENGLISH);
    }

    /** The texts in the first of French, German and English that the request accepts. */
    static Texts of(Supplier<List<Locale>> accepted) {
        try {
            for (Locale l : accepted.get()) {
                if (LANGUAGES.contains(l.getLanguage())) {
                    return of(l);
                }
            }
        } catch (RuntimeException e) {
            // a malformed Accept-Language: English
        }
        return of(Locale.ENGLISH);
    }

    /** The language of these texts, for {@code Content-Language}. */
    String language() {
        return locale.getLanguage();
    }

    /** The text of this key with its arguments put in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
