package io.facteur.channel.mail.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Problem documents with their title and detail in the caller's language. */
final class ProblemTexts {
    private final ResourceBundle bundle;
    private final Locale locale;

    ProblemTexts(Locale locale) {
        this.locale = locale;
        this.bundle =
                ResourceBundle.getBundle(
                        "io.facteur.channel.mail.internal.texts",
                        locale,
                        ProblemTexts.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(
                                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    Problem problem(String kind, int status, String key, Object... args) {
        return new Problem(
                "urn:facteur:problem:" + kind,
                bundle.getString(key + ".title"),
                status,
                new MessageFormat(bundle.getString(key + ".detail"), locale).format(args));
    }

    String reason(String code) {
        return bundle.getString("reason." + code);
    }
}
