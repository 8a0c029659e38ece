package io.facteur.invoicing.internal;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Says what keeps a draft from being issued, field by field, before a number is taken: once issued,
 * an invoice can only be corrected by a credit note, and one that EN 16931 refuses would be refused
 * by the buyer's platform. The checks are those of EN 16931 that the data of a draft decides (the
 * VAT category rules BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O; BR-27; BR-61; BR-CO-09, BR-CO-26)
 * and the limits Facteur sets.
 */
public final class DraftCheck {

    /** The most lines one invoice may have: a clear limit rather than a slow page. */
    public static final int MAX_LINES = 5_000;

    static final Set<String> LANGUAGES = Set.of("fr", "en", "de");

    /** UNTDID 4461 payment means Facteur writes (see {@link Draft#paymentMeansCode()}). */
    static final Set<String> PAYMENT_MEANS = Set.of("10", "20", "30", "48", "58", "59", "97");

    /** Credit transfers, which name the account to pay to (BR-61). */
    static final Set<String> CREDIT_TRANSFER = Set.of("30", "58");

    private DraftCheck() {}

    /** The problems of a draft to be issued today (or on its own issue date when it has one). */
    public static List<FieldProblem> check(Draft draft, SellerProfile seller, Locale locale) {
        return check(
                draft,
                seller,
                locale,
                draft.issueDate() == null ? LocalDate.now() : draft.issueDate());
    }

    /**
     * The problems of a draft, in field order; empty when it can be issued.
     *
     * @param seller the dossier's seller profile
     * @param locale the language of the messages (fr, en, de; others get English)
     * @param issueDay the day the invoice would be issued, when the draft has no issue date
     */
    public static List<FieldProblem> check(
            Draft draft, SellerProfile seller, Locale locale, LocalDate issueDay) {
        ProblemList problems = new ProblemList(LocalizedTexts.of("Checks", locale));
        LocalDate issue = draft.issueDate() == null ? issueDay : draft.issueDate();
        document(draft, issue, problems);
        LineChecks.check(draft, problems);
        PartyChecks.check(draft, seller, problems);
        return problems.list();
    }

    /** Logos larger than this are refused: the PDF carries them on every first page. */
    static final int MAX_LOGO_BYTES = 512 * 1024;

    /** Free texts of the profile (legal mentions, late-payment text) are at most this long. */
    static final int MAX_PROFILE_TEXT = 2_000;

    /**
     * The problems of a seller profile as an admin saves it, with pointers into the profile itself
     * ({@code /legalName}, {@code /address/countryCode}); empty when it can be saved. What only an
     * invoice needs (a VAT identifier for a category, an IBAN for a transfer) is checked at issue.
     */
    public static List<FieldProblem> checkSeller(SellerProfile seller, Locale locale) {
        ProblemList problems = new ProblemList(LocalizedTexts.of("Checks", locale));
        PartyChecks.profile(seller, problems);
        if (!seller.siren().isEmpty() && !seller.siren().matches("\\d{9}")) {
            problems.add("/siren", "siren.format");
        }
        if (!seller.siret().isEmpty() && !seller.siret().matches("\\d{14}")) {
            problems.add("/siret", "siret.format");
        }
        if (!seller.iban().isEmpty() && !Iban.valid(seller.iban())) {
            problems.add("/iban", "iban.invalid");
        }
        if (!seller.bic().isEmpty() && !seller.bic().matches("[A-Z0-9]{8}([A-Z0-9]{3})?")) {
            problems.add("/bic", "bic.format");
        }
        if (!seller.email().isEmpty() && !seller.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("/email", "email.format");
        }
        if (seller.logo().length > MAX_LOGO_BYTES) {
            problems.add("/logo", "logo.tooLarge", MAX_LOGO_BYTES / 1024);
        } else if (seller.logo().length > 0 && !image(seller.logo())) {
            problems.add("/logo", "logo.format");
        }
        if (seller.legalMentions().length() > MAX_PROFILE_TEXT) {
            problems.add("/legalMentions", "text.tooLong", MAX_PROFILE_TEXT);
        }
        if (seller.latePaymentText().length() > MAX_PROFILE_TEXT) {
            problems.add("/latePaymentText", "text.tooLong", MAX_PROFILE_TEXT);
        }
        if (seller.paymentTerm() == null) {
            problems.add("/paymentTerm", "required");
        }
        return problems.list();
    }

    /** A PNG or a JPEG, by its first bytes. */
    private static boolean image(byte[] bytes) {
        boolean png =
                bytes.length > 8
                        && (bytes[0] & 0xff) == 0x89
                        && bytes[1] == 'P'
                        && bytes[2] == 'N'
                        && bytes[3] == 'G';
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
        return png || jpeg;
    }

    private static void document(Draft draft, LocalDate issue, ProblemList problems) {
        if (draft.currency().isEmpty()) {
            problems.add("/currency", "required");
        } else if (!isCurrency(draft.currency())) {
            problems.add("/currency", "currency.unknown", draft.currency());
        }
        if (!draft.language().isEmpty() && !LANGUAGES.contains(draft.language())) {
            problems.add("/language", "language.unknown");
        }
        if (!PAYMENT_MEANS.contains(draft.paymentMeansCode())) {
            problems.add("/paymentMeansCode", "paymentMeans.unknown", draft.paymentMeansCode());
        }
        if (draft.dueDate() != null && draft.dueDate().isBefore(issue)) {
            problems.add("/dueDate", "dueDate.beforeIssue", issue);
        }
        if (draft.creditNote() && draft.precedingInvoice().isEmpty()) {
            problems.add("/precedingInvoice", "precedingInvoice.required");
        }
        if (draft.precedingInvoiceDate() != null && draft.precedingInvoiceDate().isAfter(issue)) {
            problems.add("/precedingInvoiceDate", "precedingInvoiceDate.afterIssue", issue);
        }
    }

    private static boolean isCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
