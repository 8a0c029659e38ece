package io.facteur.delivery.postal.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The texts of the address sheet and of refusals, in French, English or German. */
final class Messages {

    private static final String BUNDLE = "io.facteur.delivery.postal.internal.messages";

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

    /** The texts in this language; English for a language without its own texts. */
    static Messages of(Locale locale) {
        return new Messages(locale);
    }

    /** The locale the texts, dates and amounts are written in. */
    Locale locale() {
        return locale;
    }

    /** The text of this key with its arguments put in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
