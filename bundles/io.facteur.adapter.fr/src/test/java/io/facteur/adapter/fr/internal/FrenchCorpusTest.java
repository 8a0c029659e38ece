package io.facteur.adapter.fr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.FileResult;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.SharedCorpus;
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

    /** The files no Factur-X made from them can be sent, by the rules they break. */
    static final Map<String, Set<String>> FACTUR_X_REFUSED_BY_RULES =
            Map.of(
                    // the sources themselves break these rules: their Factur-X carries them over
                    "UC11_F202600022_EXTENDED_FX_CII_BT-X-589Only_on_GROUP_Line.xml",
                    Set.of(
                            "BR-22",
                            "BR-23",
                            "BR-26",
                            "BR-27",
                            "BR-CO-04",
                            "BR-CO-10",
                            "BR-S-10",
                            "CII-SR-439",
                            "XSD"),
                    "extended_warenrechnung_based_doublecashdiscount.xml",
                    Set.of("BR-CO-12", "BR-S-08"),
                    "factur-x-extended.xml",
                    Set.of("FX-NOT-IN-PROFILE"),
                    "lastschrift_iban_bug.xml",
                    Set.of("BR-FX-EN-04", "CII-SR-465"));

    /** The files EXTENDED-CTC-FR refuses, by the rules they break. */
    static final Map<String, Set<String>> CTC_REFUSED_BY_RULES =
            Map.of(
                    // a VAT category code Z line without the French rule's exemption
                    "03.06a-INVOICE_uncefact.xml",
                    Set.of("BR-FREXT-Z-08"),
                    "03.06a-INVOICE_ubl.xml",
                    Set.of("BR-FREXT-Z-08"),
                    // the sources break EN 16931 already
                    "UC11_F202600022_EXTENDED_FX_CII_BT-X-589Only_on_GROUP_Line.xml",
                    Set.of(
                            "BR-22",
                            "BR-23",
                            "BR-26",
                            "BR-27",
                            "BR-CO-04",
                            "BR-CO-10",
                            "BR-S-10",
                            "CII-SR-439"),
                    "extended_warenrechnung_based_doublecashdiscount.xml",
                    Set.of("BR-CO-12", "BR-FREXT-S-08", "BR-S-08"),
                    // BASIC WL is no complete invoice
                    "factur-x-basicwl.xml",
                    Set.of("BR-16", "BR-CO-10", "BR-E-01", "BR-E-08", "BR-S-08"),
                    "periods.ubl.xml",
                    Set.of("BR-CL-06"),
                    "UBL-CreditNote-2.1-Example.ubl.xml",
                    Set.of(
                            "BR-32",
                            "BR-37",
                            "BR-CL-11",
                            "BR-CL-13",
                            "BR-CL-18",
                            "BR-CL-21",
                            "BR-CL-22",
                            "BR-CL-25",
                            "BR-CO-15",
                            "BR-CO-16",
                            "BR-CO-25",
                            "BR-FREXT-CO-15"),
                    "ubl-creditnote.xml",
                    Set.of(
                            "BR-32",
                            "BR-37",
                            "BR-CL-11",
                            "BR-CL-13",
                            "BR-CL-18",
                            "BR-CL-21",
                            "BR-CL-22",
                            "BR-CL-25",
                            "BR-CO-04",
                            "BR-CO-15",
                            "BR-CO-16",
                            "BR-CO-25",
                            "BR-E-01",
                            "BR-E-08",
                            "BR-FREXT-CO-15",
                            "BR-FREXT-E-08",
                            "BR-FREXT-S-08",
                            "BR-S-08"));

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

        report.assertConformOrRefused(FACTUR_X_REFUSED_BY_RULES);
        assertThat(report.results()).hasSize(82);
        assertThat(report.with(Outcome.CONFORM))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrder(
                        "Factur-X_basic.xml",
                        "factur-x-basic.xml",
                        "factur-x-en16931.xml",
                        "factur-x.xml",
                        "minimalDebit.xml");
        assertThat(report.with(Outcome.CONFORM))
                .allMatch(r -> r.ruleSets().get(0).equals("EN16931-CII 1.3.16"))
                .allMatch(r -> r.ruleSets().get(1).startsWith("Factur-X-"));
        // the XRechnung business cases and the profiles of incomplete invoices, by the adapter
        assertThat(refusedStartingWith(report, "French receivers take Factur-X in the BASIC"))
                .hasSize(36)
                .contains("01.01a-INVOICE_uncefact.xml", "factur-x-basicwl.xml")
                .contains("facturFrMinimum.xml");
        // UBL, by the project: it has no UBL-to-Factur-X writer
        assertThat(refusedStartingWith(report, "project: no writer from UBL to FACTUR_X"))
                .hasSize(37);
    }

    @Test
    void ctcIsConformOrRefusedWithTheMissingTermsOrByNamedRules() {
        KitReport report = run(new CtcAdapter(), new Receiver("FR", CtcAdapter.ID, Map.of()));
        System.out.println("EXTENDED-CTC-FR: " + report);

        report.assertConformOrRefused(CTC_REFUSED_BY_RULES);
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(71);
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
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.name().equals("facturFrMinimum.xml"))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.reason())
                                        .contains(
                                                "(BT-30) is '99999999800010', a SIRET",
                                                "first 9 digits 999999998",
                                                "(BT-47) is '78787878400035', a SIRET"));
        assertThat(report.count(Outcome.REFUSED)).isEqualTo(3);
    }
}
