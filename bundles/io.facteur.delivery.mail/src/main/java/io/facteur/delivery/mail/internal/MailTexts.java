package io.facteur.delivery.mail.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/** The texts of the mails and of the channel's failures, in French, English or German. */
final class MailTexts {

    private static final String BUNDLE = "io.facteur.delivery.mail.internal.texts";
    private static final Set<String> LANGUAGES = Set.of("fr", "en", "de");

    private final Locale locale;
    private final ResourceBundle bundle;

    private MailTexts(Locale locale) {
        this.locale = locale;
        this.bundle =
                ResourceBundle.getBundle(
                        BUNDLE,
                        locale,
                        MailTexts.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(
                                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The locale of an ISO 639-1 language; French for any language without its own texts. */
    static Locale localeOf(String language) {
        String lang = language == null ? "" : language.trim().toLowerCase(Locale.ROOT);
        return LANGUAGES.contains(lang) ? Locale.forLanguageTag(lang) : Locale.FRENCH;
    }

    /** The texts in this language (see {@link #localeOf}). */
    static MailTexts of(String language) {
        return new MailTexts(localeOf(language));
    }

    Locale locale() {
        return locale;
    }

    /** The text of this key with its arguments put in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
