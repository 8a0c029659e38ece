package io.facteur.adapter.peppol.internal;

import io.facteur.api.UnreadableInvoiceException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An electronic address (BT-34, BT-49) as the customer directory gives it: {@code scheme:value},
 * the scheme an EAS code (four digits of ISO 6523, or two capitals such as {@code EM}), such as
 * {@code 0208:0123456789}.
 *
 * @param scheme the EAS code, UBL's {@code schemeID}
 * @param value the identifier in that scheme
 */
record ElectronicAddress(String scheme, String value) {

    /** Longer identifiers are refused. */
    static final int MAX_LENGTH = 100;

    private static final Pattern FORM = Pattern.compile("(\\d{4}|[A-Z]{2}):(\\S{1,100})");

    static ElectronicAddress parse(String text, Messages messages)
            throws UnreadableInvoiceException {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches() || m.group(2).codePoints().anyMatch(Character::isISOControl)) {
            throw new UnreadableInvoiceException(
                    messages.format(
                            "bt49.format",
                            text.strip().length() > MAX_LENGTH
                                    ? text.strip().substring(0, MAX_LENGTH) + "…"
                                    : text.strip()));
        }
        return new ElectronicAddress(m.group(1), m.group(2));
    }
}
