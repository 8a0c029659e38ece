package io.facteur.delivery.mail.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/**
 * Checks of the values that go into mail headers: settings may be edited by hand and customer data
 * comes from invoices, so a line break or control character there could add headers of its own.
 */
final class HeaderValues {
    /** Longest address (RFC 5321 path limit). */
    static final int MAX_ADDRESS = 254;

    /** Longest display name. */
    static final int MAX_NAME = 100;

    private HeaderValues() {}

    /** True when the text holds a character that has no place in a header (CR, LF, NUL, ...). */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /**
     * The text with control characters replaced by spaces, shortened: for values taken from an
     * invoice (number, seller name) where refusing the mail would help nobody.
     */
    static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            b.append(hasControl(String.valueOf(c)) ? ' ' : c);
        }
        return b.toString().strip();
    }

    /**
     * Parses one bare address strictly ({@code name@domain}, no display name, no group, no
     * comment).
     *
     * @throws AddressException with the reason when it is not one
     */
    static InternetAddress address(String text) throws AddressException {
        if (text.length() > MAX_ADDRESS) {
            throw new AddressException("longer than " + MAX_ADDRESS + " characters");
        }
        if (hasControl(text)) {
            throw new AddressException("control character");
        }
        String trimmed = text.strip();
        InternetAddress parsed = new InternetAddress(trimmed, true);
        parsed.validate();
        if (parsed.getPersonal() != null
                || parsed.isGroup()
                || !trimmed.equals(parsed.getAddress())
                || trimmed.indexOf('@') <= 0) {
            throw new AddressException("not a bare address name@domain", trimmed);
        }
        return parsed;
    }

    /** The domain of a bare address, lower case. */
    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
