package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.SampleDrafts.line;
import static io.facteur.invoicing.internal.SampleDrafts.withAllowance;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad input is named at the field the user has to change, in the user's language. */
class DraftCheckTest {

    @Test
    void aGoodDraftHasNoProblem() {
        assertThat(new Editable().check(Locale.FRENCH)).isEmpty();
    }

    @Test
    void everyCategoryWithConsistentPartiesHasNoProblem() {
        for (String category : List.of("S", "Z", "E", "AE", "K", "G", "O", "L", "M")) {
            Editable draft = new Editable();
            String rate =
                    switch (category) {
                        case "S", "L", "M" -> "7";
                        case "O" -> null;
                        default -> "0";
                    };
            draft.lines = List.of(line("x", "1", "10", category, rate));
            draft.buyer =
                    "K".equals(category) || "AE".equals(category)
                            ? SampleDrafts.germanBuyer()
                            : draft.buyer;
            assertThat(draft.check(Locale.ENGLISH)).as(category).isEmpty();
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("no line", "/lines", d -> d.lines = List.of()),
                bad(
                        "too many lines",
                        "/lines",
                        d ->
                                d.lines =
                                        Collections.nCopies(
                                                DraftCheck.MAX_LINES + 1,
                                                line("x", "1", "1", "S", "20"))),
                bad("empty description", "/lines/0/description", d -> d.setLine(0, "", "1", "10")),
                bad(
                        "description too long",
                        "/lines/0/description",
                        d -> d.setLine(0, "x".repeat(1001), "1", "10")),
                bad("no quantity", "/lines/0/quantity", d -> d.setLine(0, "x", null, "10")),
                bad("zero quantity", "/lines/0/quantity", d -> d.setLine(0, "x", "0.000", "10")),
                bad("five decimals", "/lines/0/quantity", d -> d.setLine(0, "x", "1.23456", "10")),
                bad(
                        "negative quantity on a credit note",
                        "/lines/0/quantity",
                        d -> {
                            d.creditNote = true;
                            d.precedingInvoice = "F-1";
                            d.setLine(0, "x", "-1", "10");
                        }),
                bad(
                        "a return bigger than the invoice",
                        "/lines/1/quantity",
                        d ->
                                d.lines =
                                        List.of(
                                                line("x", "1", "10", "S", "20"),
                                                line("back", "-2", "10", "S", "20"))),
                bad("no unit price", "/lines/0/unitPrice", d -> d.setLine(0, "x", "1", null)),
                bad("negative unit price", "/lines/0/unitPrice", d -> d.setLine(0, "x", "1", "-1")),
                bad("price decimals", "/lines/0/unitPrice", d -> d.setLine(0, "x", "1", "1.00001")),
                bad(
                        "absurd amount",
                        "/lines/0/unitPrice",
                        d -> d.setLine(0, "x", "10", "100000000000.5")),
                bad(
                        "unknown VAT category",
                        "/lines/0/vatCategory",
                        d -> d.lines = List.of(line("x", "1", "1", "X", "0"))),
                bad(
                        "S at zero",
                        "/lines/0/vatRate",
                        d -> d.lines = List.of(line("x", "1", "1", "S", "0"))),
                bad(
                        "Z at 20",
                        "/lines/0/vatRate",
                        d -> d.lines = List.of(line("x", "1", "1", "Z", "20"))),
                bad(
                        "O with a rate",
                        "/lines/0/vatRate",
                        d -> d.lines = List.of(line("x", "1", "1", "O", "20"))),
                bad(
                        "O beside S",
                        "/lines/0/vatCategory",
                        d ->
                                d.lines =
                                        List.of(
                                                line("x", "1", "1", "S", "20"),
                                                line("y", "1", "1", "O", null))),
                bad(
                        "AE without the buyer's ids",
                        "/buyer/vatId",
                        d -> {
                            d.lines = List.of(line("x", "1", "1", "AE", "0"));
                            d.buyer = buyer(d.buyer, "", "", "DE");
                        }),
                bad(
                        "AE without the seller's VAT id",
                        "/seller/vatId",
                        d -> {
                            d.lines = List.of(line("x", "1", "1", "AE", "0"));
                            d.sellerVatId = "";
                        }),
                bad(
                        "K without the buyer's VAT id",
                        "/buyer/vatId",
                        d -> {
                            d.lines = List.of(line("x", "1", "1", "K", "0"));
                            d.buyer = buyer(d.buyer, "", "552100554", "DE");
                        }),
                bad(
                        "K in the seller's country",
                        "/buyer/address/countryCode",
                        d -> d.lines = List.of(line("x", "1", "1", "K", "0"))),
                bad(
                        "G without the seller's VAT id",
                        "/seller/vatId",
                        d -> {
                            d.lines = List.of(line("x", "1", "1", "G", "0"));
                            d.sellerVatId = "";
                        }),
                bad("S without the seller's VAT id", "/seller/vatId", d -> d.sellerVatId = ""),
                bad(
                        "O without SIREN nor SIRET",
                        "/seller/siren",
                        d -> {
                            d.lines = List.of(line("x", "1", "1", "O", null));
                            d.sellerSiren = "";
                            d.sellerSiret = "";
                        }),
                bad("unknown currency", "/currency", d -> d.currency = "XYZ"),
                bad("no currency", "/currency", d -> d.currency = ""),
                bad("no buyer name", "/buyer/name", d -> d.buyer = buyerNamed(d.buyer, "")),
                bad(
                        "no buyer country",
                        "/buyer/address/countryCode",
                        d -> d.buyer = buyer(d.buyer, "FR32552100554", "552100554", "")),
                bad("no seller name", "/seller/legalName", d -> d.sellerLegalName = ""),
                bad("no seller country", "/seller/address/countryCode", d -> d.sellerCountry = ""),
                bad(
                        "credit note without the corrected invoice",
                        "/precedingInvoice",
                        d -> d.creditNote = true),
                bad(
                        "allowance above the line",
                        "/lines/0/allowance",
                        d ->
                                d.lines =
                                        List.of(
                                                withAllowance(
                                                        line("x", "2", "5", "S", "20"),
                                                        "10.01",
                                                        ""))),
                bad(
                        "document allowance at zero",
                        "/adjustments/0/amount",
                        d -> d.adjustments = List.of(SampleDrafts.allowance("0", "r", "S", "20"))),
                bad(
                        "negative document allowance",
                        "/adjustments/0/amount",
                        d -> d.adjustments = List.of(SampleDrafts.allowance("-5", "r", "S", "20"))),
                bad(
                        "charge without reason",
                        "/adjustments/0/reason",
                        d -> d.adjustments = List.of(SampleDrafts.charge("5", "", "S", "20"))),
                bad("unknown payment means", "/paymentMeansCode", d -> d.paymentMeansCode = "99"),
                bad(
                        "IBAN with wrong check digits",
                        "/seller/iban",
                        d -> d.sellerIban = "FR7630006000011234567890188"),
                bad("credit transfer without IBAN", "/seller/iban", d -> d.sellerIban = ""),
                bad(
                        "due before issue",
                        "/dueDate",
                        d -> d.dueDate = SampleDrafts.ISSUE.minusDays(1)),
                bad(
                        "malformed buyer VAT id",
                        "/buyer/vatId",
                        d -> d.buyer = buyer(d.buyer, "12345", "552100554", "FR")),
                bad("unknown language", "/language", d -> d.language = "it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void namesTheFieldOfEachBadInput(String name, String field, Consumer<Editable> change) {
        Editable draft = new Editable();
        change.accept(draft);
        List<FieldProblem> problems = draft.check(Locale.ENGLISH);
        assertThat(problems).extracting(FieldProblem::field).containsExactly(field);
        assertThat(problems.get(0).message()).isNotBlank().doesNotContain("{0}");
    }

    @Test
    void aNegativeLineIsFineWhileTheInvoiceStaysPositive() {
        Editable draft = new Editable();
        draft.lines = List.of(line("x", "3", "10", "S", "20"), line("back", "-1", "10", "S", "20"));
        assertThat(draft.check(Locale.ENGLISH)).isEmpty();
    }

    @Test
    void speaksTheUsersLanguage() {
        Editable draft = new Editable();
        draft.buyer = buyerNamed(draft.buyer, "");
        draft.currency = "XYZ";
        draft.lines = List.of(line("x", "1", "1", "S", "0"));
        List<FieldProblem> fr = draft.check(Locale.FRENCH);
        List<FieldProblem> en = draft.check(Locale.ENGLISH);
        List<FieldProblem> de = draft.check(Locale.GERMANY);
        assertThat(fr)
                .extracting(FieldProblem::field)
                .containsExactlyElementsOf(en.stream().map(FieldProblem::field).toList())
                .containsExactlyElementsOf(de.stream().map(FieldProblem::field).toList())
                .containsExactlyInAnyOrder("/currency", "/lines/0/vatRate", "/buyer/name");
        for (int i = 0; i < fr.size(); i++) {
            assertThat(List.of(fr.get(i).message(), en.get(i).message(), de.get(i).message()))
                    .doesNotHaveDuplicates();
        }
        assertThat(fr)
                .extracting(FieldProblem::message)
                .contains("Ce champ est obligatoire.")
                .anyMatch(m -> m.contains("« XYZ »"));
        assertThat(de).extracting(FieldProblem::message).contains("Dieses Feld ist erforderlich.");
        assertThat(draft.check(Locale.ITALIAN))
                .extracting(FieldProblem::message)
                .containsExactlyElementsOf(en.stream().map(FieldProblem::message).toList());
    }

    @Test
    void checksTheIbanDigits() {
        assertThat(Iban.valid("FR76 3000 6000 0112 3456 7890 189")).isTrue();
        assertThat(Iban.valid("DE89370400440532013000")).isTrue();
        assertThat(Iban.valid("DE89370400440532013001")).isFalse();
        assertThat(Iban.valid("not an iban")).isFalse();
    }

    private static Arguments bad(String name, String field, Consumer<Editable> change) {
        return Arguments.of(name, field, change);
    }

    private static Buyer buyer(Buyer b, String vatId, String legalId, String country) {
        Address a = b.address();
        return new Buyer(
                b.customerId(),
                b.name(),
                legalId,
                vatId,
                new Address(a.line1(), a.line2(), a.postcode(), a.city(), country),
                b.email(),
                b.buyerReference(),
                b.language());
    }

    private static Buyer buyerNamed(Buyer b, String name) {
        return new Buyer(
                b.customerId(),
                name,
                b.legalId(),
                b.vatId(),
                b.address(),
                b.email(),
                b.buyerReference(),
                b.language());
    }

    /** A good draft and seller whose parts a test changes. */
    static final class Editable {
        boolean creditNote;
        String currency = "EUR";
        LocalDate dueDate = SampleDrafts.ISSUE.plusDays(30);
        String language = "fr";
        Buyer buyer = SampleDrafts.frenchBuyer();
        List<DraftLine> lines = List.of(line("Conseil", "2", "100", "S", "20"));
        List<DocumentAdjustment> adjustments = List.of();
        String paymentMeansCode = "30";
        String precedingInvoice = "";
        String sellerLegalName = "Atelier Facteur SAS";
        String sellerVatId = "FR44732829320";
        String sellerSiren = "732829320";
        String sellerSiret = "73282932000074";
        String sellerCountry = "FR";
        String sellerIban = "FR7630006000011234567890189";

        void setLine(int index, String description, String quantity, String price) {
            List<DraftLine> changed = new ArrayList<>(lines);
            changed.set(
                    index,
                    new DraftLine(
                            description,
                            quantity == null ? null : new BigDecimal(quantity),
                            "C62",
                            price == null ? null : new BigDecimal(price),
                            "S",
                            new BigDecimal("20"),
                            null,
                            ""));
            lines = changed;
        }

        List<FieldProblem> check(Locale locale) {
            Draft draft =
                    new Draft(
                            creditNote,
                            currency,
                            SampleDrafts.ISSUE,
                            dueDate,
                            language,
                            buyer,
                            lines,
                            adjustments,
                            List.of(),
                            "",
                            paymentMeansCode,
                            "",
                            precedingInvoice,
                            null,
                            Map.of(),
                            null);
            SellerProfile s = SampleDrafts.seller();
            SellerProfile seller =
                    new SellerProfile(
                            sellerLegalName,
                            s.tradingName(),
                            sellerSiren,
                            sellerSiret,
                            sellerVatId,
                            new Address("1 rue A", "", "69003", "Lyon", sellerCountry),
                            s.email(),
                            s.phone(),
                            sellerIban,
                            s.bic(),
                            null,
                            "",
                            "",
                            s.paymentTerm());
            return DraftCheck.check(draft, seller, locale);
        }
    }
}
