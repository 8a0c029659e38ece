package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.SampleDrafts.allowance;
import static io.facteur.invoicing.internal.SampleDrafts.charge;
import static io.facteur.invoicing.internal.SampleDrafts.draft;
import static io.facteur.invoicing.internal.SampleDrafts.germanBuyer;
import static io.facteur.invoicing.internal.SampleDrafts.invoice;
import static io.facteur.invoicing.internal.SampleDrafts.line;
import static io.facteur.invoicing.internal.SampleDrafts.withAllowance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Totals computed by hand, as EN 16931's rules BR-CO-10 to BR-CO-17 check them. */
class InvoiceCalculatorTest {

    @Test
    void roundsEachLineThenComputesTheTaxOnceOnTheGroup() {
        Totals totals =
                InvoiceCalculator.totals(
                        invoice(
                                List.of(
                                        line("A", "0.333", "10", "S", "20"),
                                        line("B", "0.333", "10", "S", "20"),
                                        line("C", "0.333", "10", "S", "20"))));
        // 0.333 x 10 = 3.33 each; 9.99 x 20% = 1.998 -> 2.00
        assertThat(totals.lineNets()).extracting(BigDecimal::toPlainString).containsOnly("3.33");
        assertThat(totals.lineTotal()).isEqualByComparingTo("9.99");
        assertThat(totals.vat()).hasSize(1);
        assertThat(totals.vat().get(0).taxable()).isEqualByComparingTo("9.99");
        assertThat(totals.vat().get(0).tax()).isEqualByComparingTo("2.00");
        assertThat(totals.taxInclusive()).isEqualByComparingTo("11.99");
        assertThat(totals.payable()).isEqualByComparingTo("11.99");
    }

    @Test
    void groupTaxIsNotTheSumOfRoundedLineTaxes() {
        Totals totals =
                InvoiceCalculator.totals(
                        invoice(
                                List.of(
                                        line("A", "1", "0.03", "S", "20"),
                                        line("B", "1", "0.03", "S", "20"))));
        // per line 0.006 -> 0.01 would give 0.02; on the group 0.06 x 20% = 0.012 -> 0.01
        assertThat(totals.taxTotal()).isEqualByComparingTo("0.01");
    }

    @Test
    void oldFrenchRatesRoundHalfUp() {
        Totals totals =
                InvoiceCalculator.totals(
                        invoice(
                                List.of(
                                        line("Meuble", "1", "99.99", "S", "19.6"),
                                        line("Livres", "3", "2.35", "S", "5.5"))));
        assertThat(totals.vat())
                .extracting(
                        g -> g.rate().toPlainString(),
                        g -> g.taxable().toPlainString(),
                        g -> g.tax().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("19.60", "99.99", "19.60"),
                        org.assertj.core.groups.Tuple.tuple("5.50", "7.05", "0.39"));
        assertThat(totals.taxExclusive()).isEqualByComparingTo("107.04");
        assertThat(totals.taxTotal()).isEqualByComparingTo("19.99");
        assertThat(totals.taxInclusive()).isEqualByComparingTo("127.03");
    }

    @Test
    void roundsTheProductAndTheAllowanceSeparately() {
        DraftLine line = withAllowance(line("Vis", "7", "1.4285", "S", "20"), "1.125", "");
        Totals totals = InvoiceCalculator.totals(invoice(List.of(line)));
        // 7 x 1.4285 = 9.9995 -> 10.00; 1.125 -> 1.13; net 8.87; 20% = 1.774 -> 1.77
        assertThat(totals.lineNets().get(0)).isEqualByComparingTo("8.87");
        assertThat(totals.taxTotal()).isEqualByComparingTo("1.77");
        assertThat(totals.payable()).isEqualByComparingTo("10.64");
    }

    @Test
    void documentAllowancesAndChargesGoToTheirOwnGroup() {
        Draft draft =
                draft(
                        false,
                        "EUR",
                        "fr",
                        SampleDrafts.frenchBuyer(),
                        List.of(line("A", "2", "50", "S", "20"), line("B", "1", "50", "S", "10")),
                        List.of(
                                allowance("10", "Remise fidélité", "S", "20.00"),
                                charge("5", "Port", "S", "10")),
                        Map.of());
        Totals totals = InvoiceCalculator.totals(draft);
        assertThat(totals.lineTotal()).isEqualByComparingTo("150.00");
        assertThat(totals.allowanceTotal()).isEqualByComparingTo("10.00");
        assertThat(totals.chargeTotal()).isEqualByComparingTo("5.00");
        assertThat(totals.taxExclusive()).isEqualByComparingTo("145.00");
        assertThat(totals.vat()).hasSize(2);
        assertThat(totals.vat().get(0).rate()).isEqualByComparingTo("20");
        assertThat(totals.vat().get(0).taxable()).isEqualByComparingTo("90.00");
        assertThat(totals.vat().get(0).tax()).isEqualByComparingTo("18.00");
        assertThat(totals.vat().get(1).taxable()).isEqualByComparingTo("55.00");
        assertThat(totals.vat().get(1).tax()).isEqualByComparingTo("5.50");
        assertThat(totals.taxTotal()).isEqualByComparingTo("23.50");
        assertThat(totals.taxInclusive()).isEqualByComparingTo("168.50");
        assertThat(totals.allowanceTotal().scale()).isEqualTo(2);
    }

    @Test
    void aReturnLineLowersTheTotals() {
        Totals totals =
                InvoiceCalculator.totals(
                        invoice(
                                List.of(
                                        line("Livré", "3", "10.005", "S", "20"),
                                        line("Retour", "-1", "10.005", "S", "20"))));
        // 30.015 -> 30.02; -10.005 -> -10.01 (half up is away from zero)
        assertThat(totals.lineNets().get(1)).isEqualByComparingTo("-10.01");
        assertThat(totals.lineTotal()).isEqualByComparingTo("20.01");
        assertThat(totals.taxTotal()).isEqualByComparingTo("4.00");
    }

    @Test
    void ordersGroupsByCategoryThenHigherRateFirst() {
        Totals totals =
                InvoiceCalculator.totals(
                        invoice(
                                List.of(
                                        line("a", "1", "1", "E", "0"),
                                        line("b", "1", "1", "S", "5.5"),
                                        line("c", "1", "1", "S", "20"),
                                        line("d", "1", "1", "Z", "0"))));
        assertThat(totals.vat())
                .extracting(g -> g.category() + " " + g.rate().toPlainString())
                .containsExactly("S 20.00", "S 5.50", "Z 0.00", "E 0.00");
    }

    @Test
    void statesTheExemptionInTheInvoiceLanguage() {
        Draft draft =
                draft(
                        false,
                        "EUR",
                        "fr",
                        germanBuyer(),
                        List.of(line("Audit", "1", "100", "AE", "0")),
                        List.of(),
                        Map.of());
        assertThat(InvoiceCalculator.totals(draft, "fr").vat().get(0))
                .extracting(Totals.VatGroup::exemptionReason, Totals.VatGroup::exemptionCode)
                .containsExactly("Autoliquidation", "VATEX-EU-AE");
        assertThat(InvoiceCalculator.totals(draft, "en").vat().get(0).exemptionReason())
                .isEqualTo("Reverse charge");
        assertThat(InvoiceCalculator.totals(draft, "de").vat().get(0).exemptionReason())
                .isEqualTo("Steuerschuldnerschaft des Leistungsempfängers");
    }

    @Test
    void eachZeroRateCategoryHasItsCode() {
        Totals totals =
                InvoiceCalculator.totals(
                        invoice(
                                List.of(
                                        line("z", "1", "1", "Z", "0"),
                                        line("e", "1", "1", "E", "0"),
                                        line("k", "1", "1", "K", "0"),
                                        line("g", "1", "1", "G", "0"))),
                        "en");
        assertThat(totals.vat())
                .extracting(g -> g.category() + "|" + g.exemptionCode() + "|" + g.exemptionReason())
                .containsExactly(
                        "Z||",
                        "E||Exempt from VAT",
                        "K|VATEX-EU-IC|Intra-community supply exempt from VAT",
                        "G|VATEX-EU-G|Export outside the EU exempt from VAT");
        Totals notSubject =
                InvoiceCalculator.totals(invoice(List.of(line("o", "1", "1", "O", null))), "de");
        assertThat(notSubject.vat().get(0))
                .extracting(
                        Totals.VatGroup::rate,
                        Totals.VatGroup::exemptionCode,
                        Totals.VatGroup::exemptionReason)
                .containsExactly(null, "VATEX-EU-O", "Nicht steuerbar");
    }

    @Test
    void theDraftMayOverrideTheTextAndGiveACode() {
        Draft draft =
                draft(
                        false,
                        "EUR",
                        "fr",
                        germanBuyer(),
                        List.of(line("a", "1", "1", "E", "0"), line("b", "1", "1", "AE", "0")),
                        List.of(),
                        Map.of(
                                "E", "VATEX-EU-132: Exonération, article 261-4 du CGI",
                                "AE", "Autoliquidation, article 283-2 du CGI"));
        Totals totals = InvoiceCalculator.totals(draft);
        assertThat(totals.vat())
                .extracting(g -> g.category() + "|" + g.exemptionCode() + "|" + g.exemptionReason())
                .containsExactly(
                        "E|VATEX-EU-132|Exonération, article 261-4 du CGI",
                        "AE|VATEX-EU-AE|Autoliquidation, article 283-2 du CGI");
    }

    @Test
    void refusesAnUnknownCategory() {
        assertThatThrownBy(
                        () ->
                                InvoiceCalculator.totals(
                                        invoice(List.of(line("a", "1", "1", "X", "0")))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
