package io.facteur.adapter.fr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.FileResult;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.SharedCorpus;
import io.facteur.adapterkit.ValidationStep;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.ReceiverAdapter.Receiver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Both French adapters over the shared corpus with the core's check (the conformance kit): every
 * file conform or refused with a reason, but those named here with the rules that refuse them.
 */
class FrenchCorpusTest {

    /**
     * The corpus files that break their own rules (EN 16931, their Factur-X profile) as they are:
     * the core's gate refuses them before any adapter.
     */
    static final Set<String> SOURCE_INVALID_FILES =
            Set.of(
                    "UC11_F202600022_EXTENDED_FX_CII_BT-X-589Only_on_GROUP_Line.xml",
                    "extended_warenrechnung_based_doublecashdiscount.xml",
                    "factur-x-extended.xml",
                    "facturFrMinimum.xml",
                    "lastschrift_iban_bug.xml",
                    "UBL-CreditNote-2.1-Example.ubl.xml",
                    "periods.ubl.xml",
                    "ubl-creditnote.xml");

    /**
     * The files EXTENDED-CTC-FR's own rules refuse although EN 16931's accept them: the French rule
     * recomputes the taxable amount of the zero-rated category (BR-FREXT-Z-08) where CEN's BR-Z-08
     * finds it right. Named here with the rule, as the core names it when it refuses them.
     */
    static final Map<String, Set<String>> CTC_REFUSED_BY_RULES =
            Map.of(
                    "03.06a-INVOICE_uncefact.xml",
                    Set.of("BR-FREXT-Z-08"),
                    "03.06a-INVOICE_ubl.xml",
                    Set.of("BR-FREXT-Z-08"));

    private static void assertSourceInvalidRefusedByTheGate(KitReport report) {
        assertThat(refusedStartingWith(report, "the source itself breaks rules of"))
                .containsExactlyInAnyOrderElementsOf(SOURCE_INVALID_FILES);
    }

    static KitReport run(ReceiverAdapter adapter, Receiver receiver) {
        return AdapterKit.of(adapter)
                .withReceiver(receiver)
                .run(SharedCorpus.folder("cii"), SharedCorpus.folder("ubl"));
    }

    private static List<String> refusedStartingWith(KitReport report, String prefix) {
        return report.with(Outcome.REFUSED).stream()
                .filter(r -> r.reason().startsWith(prefix))
                .map(FileResult::name)
                .toList();
    }

    @Test
    void facturXIsConformOrRefusedWithTheReasonOrByNamedRules() {
        KitReport report = run(new FacturXAdapter(), new Receiver("FR", "", Map.of()));
        System.out.println("Factur-X (France): " + report);

        report.assertConformOrRefused();
        assertSourceInvalidRefusedByTheGate(report);
        assertThat(report.results()).hasSize(82);
        assertThat(report.with(Outcome.CONFORM))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrder(
                        "Factur-X_basic.xml",
                        "bt17-response_1760553749128.cii.xml",
                        "factur-x-basic.xml",
                        "factur-x-en16931.xml",
                        "factur-x.xml",
                        "minimalDebit.xml");
        assertThat(report.with(Outcome.CONFORM))
                .allMatch(r -> r.ruleSets().get(0).equals("EN16931-CII 1.3.16"))
                .allMatch(r -> r.ruleSets().get(1).startsWith("Factur-X-"));
        // the XRechnung business cases, in both syntaxes (UBL goes to Factur-X through CII, as
        // in the core), and the profiles of incomplete invoices, by the adapter
        assertThat(refusedStartingWith(report, "French receivers take Factur-X in the BASIC"))
                .hasSize(68)
                .contains(
                        "01.01a-INVOICE_uncefact.xml",
                        "01.01a-INVOICE_ubl.xml",
                        "factur-x-basicwl.xml");
        assertThat(refusedStartingWith(report, "project: ")).isEmpty();
    }

    @Test
    void ctcIsConformOrRefusedWithTheMissingTermsOrByNamedRules() {
        KitReport report = run(new CtcAdapter(), new Receiver("FR", CtcAdapter.ID, Map.of()));
        System.out.println("EXTENDED-CTC-FR: " + report);

        report.assertConformOrRefused(CTC_REFUSED_BY_RULES);
        assertSourceInvalidRefusedByTheGate(report);
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(69);
        assertThat(report.with(Outcome.CONFORM))
                .allMatch(
                        r ->
                                r.ruleSets()
                                        .equals(
                                                List.of(
                                                        "EN16931-CII 1.3.16",
                                                        "EXTENDED-CTC-FR-CII 1.3")));
        assertThat(
                        refusedStartingWith(
                                report,
                                "French receivers cannot take this invoice: The reform requires"
                                        + " the seller's VAT identifier (BT-31)"))
                .containsExactlyInAnyOrder("01.04a-INVOICE_uncefact.xml", "01.04a-INVOICE_ubl.xml");
        assertThat(
                        refusedStartingWith(
                                report,
                                "French receivers cannot take this invoice: EXTENDED-CTC-FR is a"
                                        + " complete invoice"))
                .containsExactly("factur-x-basicwl.xml");
        assertThat(report.count(Outcome.REFUSED)).isEqualTo(SOURCE_INVALID_FILES.size() + 3);
    }

    @Test
    void aSiretGivenAsSirenIsRefusedWithBothNumbersNamed() {
        // facturFrMinimum breaks its own profile: without the gate, the adapter's reason shows
        FileResult result =
                AdapterKit.of(new CtcAdapter())
                        .withReceiver(new Receiver("FR", CtcAdapter.ID, Map.of()))
                        .withValidation(ValidationStep.none())
                        .check(SharedCorpus.folder("cii").resolve("facturFrMinimum.xml"));

        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.reason())
                .contains(
                        "(BT-30) is '99999999800010', a SIRET",
                        "first 9 digits 999999998",
                        "(BT-47) is '78787878400035', a SIRET");
    }
}
