package io.facteur.delivery.mail.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The envelope sender of a delivery, {@code local+<deliveryId>@domain} after the platform's bounce
 * address (VERP), so that a bounce names its delivery whatever it quotes; and the Message-ID {@code
 * <deliveryId.random@domain>} by which the other bounces name it.
 */
final class Verp {
    /** A delivery id that may stand in an address's local part as it is. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._=-]{1,64}");

    /** Longest local part (RFC 5321). */
    private static final int MAX_LOCAL = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String local;
    private final String domain;
    private final Pattern verp;

    /**
     * @param bounceAddress the platform's bounce address, a bare address already checked
     */
    Verp(String bounceAddress) {
        int at = bounceAddress.lastIndexOf('@');
        this.local = bounceAddress.substring(0, at);
        this.domain = bounceAddress.substring(at + 1);
        this.verp =
                Pattern.compile(
                        "(?i)(?<![A-Za-z0-9._%+-])"
                                + Pattern.quote(local)
                                + "\\+([A-Za-z0-9._=-]{1,64})@"
                                + Pattern.quote(domain)
                                + "(?![A-Za-z0-9.-])");
    }

    /** The envelope sender of this delivery; the bounce address itself for an odd delivery id. */
    String envelopeSender(String deliveryId) {
        if (SAFE_ID.matcher(deliveryId).matches()
                && local.length() + 1 + deliveryId.length() <= MAX_LOCAL) {
            return local + "+" + deliveryId + "@" + domain;
        }
        return local + "@" + domain;
    }

    /** The delivery id of the first VERP address of this bounce address in the text. */
    Optional<String> deliveryIdIn(String text) {
        Matcher m = verp.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** A new Message-ID, angle brackets included, for a mail of this delivery. */
    static String messageId(String deliveryId, String domain) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < deliveryId.length() && id.length() < 64; i++) {
            char c = deliveryId.charAt(i);
            id.append(
                    (c >= 'a' && c <= 'z')
                                    || (c >= 'A' && c <= 'Z')
                                    || (c >= '0' && c <= '9')
                                    || c == '-'
                                    || c == '_'
                            ? c
                            : '_');
        }
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "<"
                + id
                + "."
                + HexFormat.of().formatHex(random)
                + "@"
                + domain.toLowerCase(Locale.ROOT)
                + ">";
    }
}
