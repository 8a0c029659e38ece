package io.facteur.invoicing.internal;

/**
 * A postal address as an invoice states it (BG-5, BG-8).
 *
 * @param line1 first line (BT-35, BT-50), may be empty
 * @param line2 second line (BT-36, BT-51), may be empty
 * @param postcode post code (BT-38, BT-53), may be empty
 * @param city city (BT-37, BT-52), may be empty
 * @param countryCode ISO 3166-1 alpha-2 (BT-40, BT-55), required
 */
public record Address(
        String line1, String line2, String postcode, String city, String countryCode) {
    public Address {
        line1 = text(line1);
        line2 = text(line2);
        postcode = text(postcode);
        city = text(city);
        countryCode = text(countryCode).toUpperCase(java.util.Locale.ROOT);
    }

    static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
