package io.facteur.invoicing.internal;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** The ISO 13616 check of an IBAN: its shape and its two check digits (mod 97). */
final class Iban {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {}

    /** Whether this IBAN, written without spaces, is well formed and its check digits hold. */
    static boolean valid(String iban) {
        String compact = iban.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (!SHAPE.matcher(compact).matches()) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
