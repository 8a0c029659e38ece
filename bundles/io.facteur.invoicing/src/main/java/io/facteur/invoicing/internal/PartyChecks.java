package io.facteur.invoicing.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of the seller and the buyer: what every invoice names, and what each VAT category used
 * demands of them (BR-S-02 and its siblings, BR-AE-02, BR-IC-02, BR-IC-12's other country, BR-O-02
 * with BR-CO-26), and the account a credit transfer pays to (BR-61).
 */
final class PartyChecks {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** BR-CO-09: an ISO 3166 prefix (or EL for Greece), then the national number. */
    private static final Pattern VAT_ID = Pattern.compile("[A-Z]{2}[0-9A-Z+*.]{2,13}");

    private PartyChecks() {}

    static void check(Draft draft, SellerProfile seller, ProblemList problems) {
        Buyer buyer = draft.buyer();
        Address sellerAddress =
                seller == null || seller.address() == null
                        ? new Address("", "", "", "", "")
                        : seller.address();
        if (seller == null || seller.legalName().isEmpty()) {
            problems.add("/seller/legalName", "required");
        }
        country("/seller/address/countryCode", sellerAddress, problems);
        if (seller != null && !seller.vatId().isEmpty() && !vatId(seller.vatId())) {
            problems.add("/seller/vatId", "vatId.format");
        }
        if (buyer == null) {
            problems.add("/buyer", "required");
        } else {
            if (buyer.name().isEmpty()) {
                problems.add("/buyer/name", "required");
            }
            country(
                    "/buyer/address/countryCode",
                    buyer.address() == null ? new Address("", "", "", "", "") : buyer.address(),
                    problems);
            if (!buyer.vatId().isEmpty() && !vatId(buyer.vatId())) {
                problems.add("/buyer/vatId", "vatId.format");
            }
        }
        categories(draft, seller, sellerAddress, problems);
        payment(draft, seller, problems);
    }

    /** The seller's own fields, with pointers into the profile. */
    static void profile(SellerProfile seller, ProblemList problems) {
        if (seller.legalName().isEmpty()) {
            problems.add("/legalName", "required");
        }
        country(
                "/address/countryCode",
                seller.address() == null ? new Address("", "", "", "", "") : seller.address(),
                problems);
        if (!seller.vatId().isEmpty() && !vatId(seller.vatId())) {
            problems.add("/vatId", "vatId.format");
        }
    }

    private static void categories(
            Draft draft, SellerProfile seller, Address sellerAddress, ProblemList problems) {
        Set<VatCategory> used = EnumSet.noneOf(VatCategory.class);
        draft.lines().forEach(l -> VatCategory.of(l.vatCategory()).ifPresent(used::add));
        draft.adjustments().forEach(a -> VatCategory.of(a.vatCategory()).ifPresent(used::add));
        String sellerVatId = seller == null ? "" : seller.vatId();
        Buyer buyer =
                draft.buyer() == null ? new Buyer("", "", "", "", null, "", "", "") : draft.buyer();
        for (VatCategory category : used) {
            if (category != VatCategory.O && sellerVatId.isEmpty()) {
                problems.add("/seller/vatId", "seller.vatIdRequired", category.name());
                break;
            }
        }
        if (used.contains(VatCategory.O)
                && (seller == null || seller.siren().isEmpty() && seller.siret().isEmpty())) {
            problems.add("/seller/siren", "seller.legalIdRequired");
        }
        if (used.contains(VatCategory.AE) && buyer.vatId().isEmpty() && buyer.legalId().isEmpty()) {
            problems.add("/buyer/vatId", "buyer.AE");
        }
        if (used.contains(VatCategory.K)) {
            if (buyer.vatId().isEmpty()) {
                problems.add("/buyer/vatId", "buyer.K");
            }
            String buyerCountry = buyer.address() == null ? "" : buyer.address().countryCode();
            if (!buyerCountry.isEmpty() && buyerCountry.equals(sellerAddress.countryCode())) {
                problems.add("/buyer/address/countryCode", "buyer.K.country", buyerCountry);
            }
        }
    }

    private static void payment(Draft draft, SellerProfile seller, ProblemList problems) {
        if (!DraftCheck.CREDIT_TRANSFER.contains(draft.paymentMeansCode())) {
            return;
        }
        String iban = seller == null ? "" : seller.iban();
        if (iban.isEmpty()) {
            problems.add("/seller/iban", "iban.required");
        } else if (!Iban.valid(iban)) {
            problems.add("/seller/iban", "iban.invalid");
        }
    }

    private static void country(String field, Address address, ProblemList problems) {
        if (address.countryCode().isEmpty()) {
            problems.add(field, "required");
        } else if (!COUNTRIES.contains(address.countryCode())) {
            problems.add(field, "country.unknown", address.countryCode());
        }
    }

    private static boolean vatId(String vatId) {
        String compact = vatId.replace(" ", "").toUpperCase(Locale.ROOT);
        return VAT_ID.matcher(compact).matches()
                && (COUNTRIES.contains(compact.substring(0, 2))
                        || compact.startsWith("EL")
                        || compact.startsWith("XI"));
    }
}
