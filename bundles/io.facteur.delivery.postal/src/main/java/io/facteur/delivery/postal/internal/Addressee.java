package io.facteur.delivery.postal.internal;

import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryException;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The recipient's postal address, cleaned and complete, as the lines of the window: name, street,
 * second line, post code and city in the order of the destination country, and the country in
 * capitals when the letter crosses a border.
 *
 * @param name the recipient's name
 * @param line1 the first address line
 * @param line2 the second address line, may be empty
 * @param postCode the post code
 * @param city the city
 * @param countryCode ISO 3166-1 alpha-2, upper case
 * @param countryLine the destination country as printed, empty for a letter within one country
 */
record Addressee(
        String name,
        String line1,
        String line2,
        String postCode,
        String city,
        String countryCode,
        String countryLine) {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** Where the post code follows the city ({@code LONDON} then {@code SW1A 1AA}). */
    private static final Set<String> POST_CODE_LAST_LINE = Set.of("GB", "IE", "IM", "JE", "GG");

    private static final Set<String> POST_CODE_AFTER_CITY = Set.of("US", "CA", "AU");

    /**
     * The address of the delivery's recipient, else of the invoice's buyer.
     *
     * @param senderCountry the sender's ISO country, empty when unknown (the country is then always
     *     printed)
     * @param language the language the country is named in
     * @throws DeliveryException (permanent) when the name or a part of the address is missing
     */
    static Addressee of(Delivery delivery, String senderCountry, LetterLanguage language)
            throws DeliveryException {
        Messages english = LetterLanguage.EN.messages();
        Party buyer = delivery.invoice().buyer();
        String name =
                AddressText.clean(delivery.recipient() == null ? "" : delivery.recipient().name());
        if (name.isEmpty() && buyer != null) {
            name = AddressText.clean(buyer.name());
        }
        PostalAddress address =
                delivery.recipient() == null ? null : delivery.recipient().address();
        if (address == null && buyer != null) {
            address = buyer.address();
        }
        if (address == null) {
            throw new DeliveryException(english.format("error.address.missing"), false);
        }
        String line1 = AddressText.clean(address.line1());
        String line2 = AddressText.clean(address.line2());
        String city = AddressText.clean(address.city());
        String postCode = AddressText.clean(address.postCode(), 20);
        String country = AddressText.clean(address.countryCode(), 3).toUpperCase(Locale.ROOT);
        List<String> missing = new ArrayList<>();
        if (name.isEmpty()) {
            missing.add(english.format("field.name"));
        }
        if (line1.isEmpty()) {
            missing.add(english.format("field.line1"));
        }
        if (postCode.isEmpty()) {
            missing.add(english.format("field.postCode"));
        }
        if (city.isEmpty()) {
            missing.add(english.format("field.city"));
        }
        if (country.isEmpty()) {
            missing.add(english.format("field.country"));
        }
        if (!missing.isEmpty()) {
            throw new DeliveryException(
                    english.format("error.address.incomplete", String.join(", ", missing)), false);
        }
        if (!ISO_COUNTRIES.contains(country)) {
            throw new DeliveryException(english.format("error.address.country", country), false);
        }
        String countryLine =
                country.equalsIgnoreCase(senderCountry == null ? "" : senderCountry.trim())
                        ? ""
                        : new Locale("", country)
                                .getDisplayCountry(language.locale())
                                .toUpperCase(language.locale());
        return new Addressee(name, line1, line2, postCode, city, country, countryLine);
    }

    /** The address below the name, one entry a line, in the destination country's order. */
    List<String> addressLines() {
        List<String> lines = new ArrayList<>();
        lines.add(line1);
        if (!line2.isEmpty()) {
            lines.add(line2);
        }
        if (POST_CODE_LAST_LINE.contains(countryCode)) {
            lines.add(city.toUpperCase(Locale.ROOT));
            lines.add(postCode.toUpperCase(Locale.ROOT));
        } else if (POST_CODE_AFTER_CITY.contains(countryCode)) {
            lines.add(city + " " + postCode);
        } else {
            lines.add(postCode + " " + city);
        }
        if (!countryLine.isEmpty()) {
            lines.add(countryLine);
        }
        return lines;
    }

    /** For the timeline: where the letter goes. */
    String destination() {
        return postCode + " " + city + ", " + countryCode;
    }
}
