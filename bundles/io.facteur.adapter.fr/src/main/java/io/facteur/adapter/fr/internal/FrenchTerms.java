package io.facteur.adapter.fr.internal;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The terms the French e-invoicing reform requires of the parties: a French seller's SIREN as its
 * legal registration (BT-30, scheme 0002), the seller's VAT identifier (BT-31), a French buyer's
 * SIREN (BT-47, scheme 0002). Without them no French receiver takes the invoice.
 */
final class FrenchTerms {

    /** The country of the reform. */
    static final String FRANCE = "FR";

    /** The ISO 6523 scheme of the SIREN. */
    static final String SIREN_SCHEME = "0002";

    private static final Pattern SIREN = Pattern.compile("\\d{9}");

    /** An establishment's number: its SIREN followed by 5 digits. */
    private static final Pattern SIRET = Pattern.compile("\\d{14}");

    /**
     * The schemes (the {@code schemeID}) the invoice XML gives the legal registrations, when the
     * adapter can read them; null when it cannot (the semantic invoice does not carry them).
     *
     * @param seller BT-30's scheme, empty when it has none
     * @param buyer BT-47's scheme, empty when it has none
     */
    record Schemes(String seller, String buyer) {}

    private FrenchTerms() {}

    /**
     * Refuses the invoice, with every missing term named, when French receivers cannot take it.
     *
     * @param schemes the legal registrations' schemes as the XML gives them, or null
     */
    static void check(Invoice invoice, Schemes schemes, Messages messages)
            throws UnreadableInvoiceException {
        List<String> missing = new ArrayList<>();
        Party seller = invoice.seller();
        Party buyer = invoice.buyer();
        if (isFrench(seller)) {
            siren(seller, "BT-30", schemes == null ? null : schemes.seller(), messages, missing);
        }
        if (seller == null || seller.vatId().isBlank()) {
            missing.add(messages.format("seller.vat.missing"));
        }
        if (isFrench(buyer)) {
            siren(buyer, "BT-47", schemes == null ? null : schemes.buyer(), messages, missing);
        }
        if (!missing.isEmpty()) {
            throw new UnreadableInvoiceException(
                    messages.format("refused", String.join(" ", missing)));
        }
    }

    private static void siren(
            Party party, String term, String scheme, Messages messages, List<String> missing) {
        String role = messages.format(term.equals("BT-30") ? "role.seller" : "role.buyer");
        String id = party.legalRegistrationId().strip();
        if (id.isEmpty()) {
            missing.add(messages.format("siren.missing", role, term));
        } else if (SIRET.matcher(id).matches()) {
            missing.add(messages.format("siren.siret", role, term, id, id.substring(0, 9)));
        } else if (!SIREN.matcher(id).matches()) {
            missing.add(messages.format("siren.malformed", role, term, shortened(id)));
        } else if (scheme != null && !SIREN_SCHEME.equals(scheme.strip())) {
            missing.add(
                    messages.format(
                            "siren.scheme",
                            role,
                            term,
                            scheme.isBlank() ? "-" : shortened(scheme.strip())));
        }
    }

    static boolean isFrench(Party party) {
        return party != null
                && party.address() != null
                && FRANCE.equalsIgnoreCase(
                        party.address().countryCode() == null
                                ? ""
                                : party.address().countryCode().strip());
    }

    private static String shortened(String text) {
        String printable = text.codePoints().anyMatch(Character::isISOControl) ? "?" : text;
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
