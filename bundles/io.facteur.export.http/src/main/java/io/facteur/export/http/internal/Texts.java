package io.facteur.export.http.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The connector's messages in French, English or German (English for any other language). */
final class Texts {
    private static final String BUNDLE = "io.facteur.export.http.internal.messages";

    /** The texts of exceptions shown on the invoice timeline, as the other channels write them. */
    static final Texts TIMELINE = of(Locale.ENGLISH);

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

    static Texts of(Locale locale) {
        return new Texts(locale == null ? Locale.ENGLISH : locale);
    }

    /** The text of this key with its arguments put in. */
    String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }

    /** The text of a refusal. */
    String format(Refusal refusal) {
        return format(refusal.key(), refusal.arguments());
    }
}
