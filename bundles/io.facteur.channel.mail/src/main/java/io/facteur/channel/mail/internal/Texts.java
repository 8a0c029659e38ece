package io.facteur.channel.mail.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The channel's user-visible texts in fr, en and de ({@code texts.properties}). */
final class Texts {
    private final ResourceBundle bundle;
    private final Locale locale;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle =
                ResourceBundle.getBundle(
                        "io.facteur.channel.mail.internal.texts",
                        locale,
                        Texts.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(
                                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Texts of(Locale locale) {
        return new Texts(locale == null ? Locale.ENGLISH : locale);
    }

    String get(String key) {
        return bundle.getString(key);
    }

    String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** The text of a rejection reason. */
    String reason(Reason reason) {
        return get("reason." + reason.name());
    }
}
