package io.facteur.export.sftp.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/** The connector's messages (test results, failure reasons) in French, English or German. */
final class Texts {

    private static final String BUNDLE = "io.facteur.export.sftp.internal.messages";
    private static final Set<String> LANGUAGES = Set.of("fr", "en", "de");

    /** The texts of the invoice timeline. */
    static final Texts ENGLISH = new Texts(Locale.ENGLISH);

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

    /** The texts in this locale's language; English for a language without its own texts. */
    static Texts of(Locale locale) {
        String language = locale == null ? "" : locale.getLanguage();
        return LANGUAGES.contains(language) ? new Texts(Locale.forLanguageTag(language)) : ENGLISH;
    }

    Locale locale() {
        return locale;
    }

    /** The text of this key with its arguments put in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
