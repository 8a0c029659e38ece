package io.facteur.duplicates.internal;

import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the index keeps of one invoice: its keys, normalised so that the same invoice read from
 * Factur-X, CII or UBL gives the same keys.
 *
 * @param seller the seller identity: {@code vat:} BT-31, else {@code legal:} BT-30, else {@code
 *     name:} the name; empty when the invoice names no seller at all
 * @param number BT-1 case-folded, without spaces, dashes, dots and slashes (leading zeros kept)
 * @param creditNote credit note (381, 396, 532) or invoice
 * @param issueDate BT-2
 * @param payable BT-115, or null when absent or beyond what the index stores (then never matched on
 *     amount)
 * @param currency BT-5, upper case, empty when absent
 */
record IndexKeys(
        String seller,
        String number,
        boolean creditNote,
        LocalDate issueDate,
        BigDecimal payable,
        String currency) {

    /** Longest key stored as is; a longer one is stored as its SHA-256. */
    static final int MAX_KEY = 100;

    /** The amount column's scale and integer digits (DECIMAL(31,6)). */
    static final int AMOUNT_SCALE = 6;

    static final int AMOUNT_INTEGER_DIGITS = 25;

    /** Issue years the index compares (within SQL's DATE range, with room for the window). */
    static final int MIN_YEAR = 1000;

    static final int MAX_YEAR = 9000;

    private static final Pattern NUMBER_SEPARATORS = Pattern.compile("[\\s\\-./\\\\\u2010-\u2015]");
    private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s\\-.]");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]");

    /** The keys of an invoice. */
    static IndexKeys of(Invoice invoice) {
        return new IndexKeys(
                seller(invoice.seller()),
                bounded(NUMBER_SEPARATORS.matcher(fold(invoice.number())).replaceAll("")),
                invoice.isCreditNote(),
                invoice.issueDate(),
                invoice.totals() == null ? null : storable(invoice.totals().payable()),
                currency(invoice.currency()));
    }

    /**
     * True when the invoice names a seller, has a number and a plausible issue date: else it is
     * compared with none.
     */
    boolean comparable() {
        return !seller.isEmpty()
                && !number.isEmpty()
                && issueDate.getYear() >= MIN_YEAR
                && issueDate.getYear() <= MAX_YEAR;
    }

    /** Same amount in the same currency (BigDecimal.compareTo: 100.0 = 100.00). */
    boolean sameAmount(BigDecimal otherPayable, String otherCurrency) {
        return payable != null
                && otherPayable != null
                && payable.compareTo(otherPayable) == 0
                && currency.equals(otherCurrency);
    }

    static String seller(Party seller) {
        if (seller == null) {
            return "";
        }
        String vat = ID_SEPARATORS.matcher(fold(seller.vatId())).replaceAll("");
        if (!vat.isEmpty()) {
            return bounded("vat:" + vat);
        }
        String legal = ID_SEPARATORS.matcher(fold(seller.legalRegistrationId())).replaceAll("");
        if (!legal.isEmpty()) {
            return bounded("legal:" + legal);
        }
        String name = NOT_ALPHANUMERIC.matcher(fold(seller.name())).replaceAll("");
        return name.isEmpty() ? "" : bounded("name:" + name);
    }

    private static String currency(String currency) {
        if (currency == null) {
            return "";
        }
        String c = currency.strip().toUpperCase(Locale.ROOT);
        return c.length() > 8 ? c.substring(0, 8) : c;
    }

    /** Compatibility-normalised and case-folded: full-width digits and ligatures compare equal. */
    private static String fold(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
    }

    /** The amount as the DECIMAL(31,6) column holds it, or null when it does not fit exactly. */
    static BigDecimal storable(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal plain = amount.stripTrailingZeros();
        if (plain.scale() > AMOUNT_SCALE
                || plain.precision() - plain.scale() > AMOUNT_INTEGER_DIGITS) {
            return null;
        }
        return plain.setScale(AMOUNT_SCALE);
    }

    private static String bounded(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
