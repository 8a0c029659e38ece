package io.facteur.api.invoice;

/**
 * A postal address (BG-5, BG-8).
 *
 * @param line1 first address line
 * @param line2 second address line, may be empty
 * @param city city
 * @param postCode post code
 * @param countryCode ISO 3166-1 alpha-2 country
 */
public record PostalAddress(
        String line1, String line2, String city, String postCode, String countryCode) {}
