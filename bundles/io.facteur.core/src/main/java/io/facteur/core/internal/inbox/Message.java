package io.facteur.core.internal.inbox;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * What a timeline event or a status reason says, kept as a key of the {@code Timeline} resource
 * bundle and its arguments, so that each reader sees it in their language (fr, en, de). Arguments
 * are data (file names, numbers, a reader's own reason) and are shown as they are.
 *
 * @param key the key in {@code io/facteur/core/internal/inbox/Timeline*.properties}
 * @param args the arguments of its pattern, as text
 */
public record Message(String key, List<String> args) {
    private static final String BUNDLE = "io.facteur.core.internal.inbox.Timeline";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Message {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    /** A message; {@code null} arguments become empty text. */
    public static Message of(String key, Object... args) {
        return new Message(
                key, Arrays.stream(args).map(a -> a == null ? "" : String.valueOf(a)).toList());
    }

    /** Marks an argument that is a list of keys of this bundle, said in the reader's language. */
    private static final String KEYS = "\u00a7";

    /**
     * An argument made of keys of this bundle (such as {@code field.seller}), each said in the
     * reader's language and joined by commas.
     */
    public static String keys(java.util.Collection<String> keys) {
        return KEYS + String.join(",", keys);
    }

    /** The text in {@code locale}'s language; English for other languages. */
    public String text(Locale locale) {
        ResourceBundle bundle;
        try {
            bundle =
                    ResourceBundle.getBundle(
                            BUNDLE, locale, Message.class.getClassLoader(), NO_FALLBACK);
        } catch (MissingResourceException e) {
            bundle =
                    ResourceBundle.getBundle(
                            BUNDLE, Locale.ROOT, Message.class.getClassLoader(), NO_FALLBACK);
        }
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key + " " + args; // a key from a newer version: still shows its data
        }
        ResourceBundle words = bundle;
        Object[] said =
                args.stream()
                        .map(
                                a ->
                                        a.startsWith(KEYS)
                                                ? java.util.Arrays.stream(
                                                                a.substring(KEYS.length())
                                                                        .split(","))
                                                        .filter(k -> !k.isBlank())
                                                        .map(k -> word(words, k))
                                                        .collect(
                                                                java.util.stream.Collectors.joining(
                                                                        ", "))
                                                : a)
                        .toArray();
        return new MessageFormat(pattern, locale).format(said);
    }

    private static String word(ResourceBundle bundle, String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** The English text, kept beside the key for logs and older readers. */
    public String english() {
        return text(Locale.ROOT);
    }
}
