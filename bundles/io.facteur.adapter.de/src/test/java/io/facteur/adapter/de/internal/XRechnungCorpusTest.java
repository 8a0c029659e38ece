package io.facteur.adapter.de.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.FileResult;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.ReceiverAdapter.Receiver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Both XRechnung adapters over every CII and UBL invoice of the shared corpus, checked by the kit
 * as the core checks them: each file is adapted and conform (KoSIT's XRechnung 3.0.2 and CEN's
 * rules find no error), or refused with a reason. The files the XRechnung rules refuse are named
 * here with the rules' ids: their sources lack what XRechnung requires, or the converter the
 * project's writer runs loses it on the way to the other syntax (see the README).
 */
class XRechnungCorpusTest {

    private static final String LEITWEG_ID = "04011000-12345-03";

    /** CII files UBL cannot carry: the UBL writer refuses them before any adapter. */
    private static final Set<String> NO_LINES =
            Set.of("facturFrMinimum.xml", "factur-x-basicwl.xml");

    /** XRechnung in UBL, with a buyer reference for every file: what the rules refuse. */
    static final Map<String, Set<String>> UBL_REFUSED_BY_RULES = ublRefusedByRules();

    /** XRechnung in CII, with a buyer reference for every file: what the rules refuse. */
    static final Map<String, Set<String>> CII_REFUSED_BY_RULES = ciiRefusedByRules();

    private static Map<String, Set<String>> ublRefusedByRules() {
        Map<String, Set<String>> refused = new HashMap<>();
        // Factur-X and other samples that lack the seller contact (BR-DE-2), the business
        // process (R001), electronic addresses (R010, R020), payment means (BR-DE-1), ...
        refused.put(
                "Factur-X_basic.xml",
                Set.of(
                        "BR-DE-1",
                        "BR-DE-2",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "UC11_F202600022_EXTENDED_FX_CII_BT-X-589Only_on_GROUP_Line.xml",
                Set.of(
                        "BR-22",
                        "BR-23",
                        "BR-26",
                        "BR-27",
                        "BR-CO-04",
                        "BR-CO-10",
                        "BR-S-10",
                        "PEPPOL-EN16931-R111",
                        "UBL-SR-52"));
        refused.put(
                "bt17-response_1760553749128.cii.xml",
                Set.of(
                        "BR-DE-2",
                        "BR-DE-24-a",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "extended_warenrechnung_based_doublecashdiscount.xml",
                Set.of(
                        "BR-CO-12",
                        "BR-DE-1",
                        "BR-DE-5",
                        "BR-S-08",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020",
                        "PEPPOL-EN16931-R042",
                        "PEPPOL-EN16931-R046",
                        "UBL-SR-05",
                        "UBL-SR-16"));
        refused.put("factur-x-basic.xml", Set.of("BR-DE-2"));
        refused.put("factur-x-extended.xml", Set.of("UBL-SR-16", "UBL-SR-34", "UBL-SR-52"));
        refused.put(
                "factur-x.xml",
                Set.of(
                        "BR-DE-2",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "lastschrift_iban_bug.xml",
                Set.of("PEPPOL-EN16931-R001", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R061"));
        refused.put(
                "minimalDebit.xml",
                Set.of(
                        "BR-DE-2",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "UBL-CreditNote-2.1-Example.ubl.xml",
                Set.of(
                        "BR-04",
                        "BR-32",
                        "BR-37",
                        "BR-CL-10",
                        "BR-CL-11",
                        "BR-CL-13",
                        "BR-CL-17",
                        "BR-CL-18",
                        "BR-CL-21",
                        "BR-CL-22",
                        "BR-CL-25",
                        "BR-CO-15",
                        "BR-CO-16",
                        "BR-DE-1",
                        "BR-DE-5",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R046",
                        "UBL-DT-01"));
        // two UBL samples that do not follow UBL 2.1's schema
        refused.put("periods.ubl.xml", Set.of("XSD"));
        refused.put("ubl-creditnote.xml", Set.of("XSD"));
        return Map.copyOf(refused);
    }

    private static Map<String, Set<String>> ciiRefusedByRules() {
        Map<String, Set<String>> refused = new HashMap<>();
        refused.put(
                "Factur-X_basic.xml",
                Set.of(
                        "BR-DE-1",
                        "BR-DE-2",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
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
                        "BR-DE-1",
                        "BR-DE-5",
                        "PEPPOL-EN16931-R001"));
        refused.put(
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
                        "PEPPOL-EN16931-R111"));
        refused.put(
                "bt17-response_1760553749128.cii.xml",
                Set.of(
                        "BR-DE-2",
                        "BR-DE-24-a",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "extended_warenrechnung_based_doublecashdiscount.xml",
                Set.of("BR-CO-12", "BR-S-08", "XSD"));
        refused.put("factur-x-basic.xml", Set.of("BR-DE-2", "BR-DE-23-b"));
        refused.put(
                "factur-x-basicwl.xml",
                Set.of(
                        "BR-16",
                        "BR-CO-10",
                        "BR-DE-2",
                        "BR-DE-23-b",
                        "BR-E-01",
                        "BR-E-08",
                        "BR-S-08"));
        refused.put("factur-x-en16931.xml", Set.of("BR-DE-23-b"));
        refused.put("factur-x-extended.xml", Set.of("BR-DE-23-b"));
        refused.put(
                "factur-x.xml",
                Set.of(
                        "BR-DE-2",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R008",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "facturFrMinimum.xml",
                Set.of(
                        "BR-12",
                        "BR-16",
                        "BR-CO-10",
                        "BR-CO-13",
                        "BR-CO-14",
                        "BR-CO-16",
                        "BR-DE-1",
                        "BR-DE-2",
                        "BR-DE-3",
                        "BR-DE-4",
                        "BR-DE-8",
                        "BR-DE-9",
                        "CII-DT-031",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "lastschrift_iban_bug.xml",
                Set.of("PEPPOL-EN16931-R001", "PEPPOL-EN16931-R010", "PEPPOL-EN16931-R061"));
        refused.put(
                "minimalDebit.xml",
                Set.of(
                        "BR-DE-2",
                        "PEPPOL-EN16931-R001",
                        "PEPPOL-EN16931-R010",
                        "PEPPOL-EN16931-R020"));
        refused.put(
                "periods.ubl.xml", Set.of("BR-CL-06", "BR-DE-1", "BR-DE-2", "PEPPOL-EN16931-R001"));
        refused.put(
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
                        "BR-DE-1",
                        "BR-DE-5",
                        "BR-E-01",
                        "BR-E-08",
                        "BR-S-08",
                        "PEPPOL-EN16931-R001"));
        return Map.copyOf(refused);
    }

    static KitReport run(ReceiverAdapter adapter, Receiver receiver, Map<String, Object> settings) {
        return AdapterKit.of(adapter)
                .withReceiver(receiver)
                .withSettings(settings)
                .run(SharedCorpus.folder("cii"), SharedCorpus.folder("ubl"));
    }

    /** The corpus files that declare no buyer reference, by a regular expression. */
    static Set<String> withoutBuyerReference() {
        return Stream.of("cii", "ubl")
                .flatMap(f -> Corpus.files(f).stream())
                .filter(f -> !Corpus.hasBuyerReference(f))
                .map(f -> f.getFileName().toString())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void ublWithTheDossiersLeitwegIdIsConformOrRefusedByNamedRules() {
        KitReport report =
                run(
                        new XRechnungUblAdapter(),
                        new Receiver("DE", "", Map.of()),
                        Map.of(XRechnungSettings.LEITWEG_ID, LEITWEG_ID));
        System.out.println("XRechnung UBL, Leitweg-ID in the settings: " + report);

        report.assertConformOrRefused(UBL_REFUSED_BY_RULES);
        assertThat(report.with(Outcome.REFUSED))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(NO_LINES);
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(68);
        assertThat(report.results()).hasSize(82);
        assertThat(report.with(Outcome.CONFORM))
                .allMatch(
                        r ->
                                r.ruleSets()
                                        .equals(
                                                List.of(
                                                        "EN16931-UBL 1.3.16",
                                                        "XRechnung-UBL 3.0.2")));
    }

    @Test
    void ublWithoutAnyLeitwegIdRefusesTheInvoicesWithoutBuyerReference() {
        KitReport report =
                run(new XRechnungUblAdapter(), new Receiver("DE", "", Map.of()), Map.of());
        System.out.println("XRechnung UBL, no Leitweg-ID: " + report);

        Set<String> noReference = withoutBuyerReference();
        Map<String, Set<String>> refusedByRules = new HashMap<>(UBL_REFUSED_BY_RULES);
        refusedByRules.keySet().removeAll(noReference);
        report.assertConformOrRefused(refusedByRules);
        assertThat(
                        report.with(Outcome.REFUSED).stream()
                                .filter(
                                        r ->
                                                r.reason()
                                                        .startsWith(
                                                                "XRechnung requires the buyer reference BT-10 (Leitweg-ID"))
                                .map(FileResult::name))
                .containsExactlyInAnyOrderElementsOf(
                        noReference.stream().filter(n -> !NO_LINES.contains(n)).toList())
                .hasSize(6);
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(68);
    }

    @Test
    void ciiWithTheDirectorysBuyerReferenceIsConformOrRefusedByNamedRules() {
        KitReport report =
                run(
                        new XRechnungCiiAdapter(),
                        new Receiver("DE", XRechnungCiiAdapter.ID, Map.of("BT-10", LEITWEG_ID)),
                        Map.of());
        System.out.println("XRechnung CII, BT-10 from the directory: " + report);

        report.assertConformOrRefused(CII_REFUSED_BY_RULES);
        assertThat(report.count(Outcome.REFUSED)).isZero();
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(67);
        assertThat(report.with(Outcome.CONFORM))
                .allMatch(
                        r ->
                                r.ruleSets()
                                        .equals(
                                                List.of(
                                                        "EN16931-CII 1.3.16",
                                                        "XRechnung-CII 3.0.2")));
    }

    @Test
    void ciiWithoutAnyLeitwegIdRefusesTheInvoicesWithoutBuyerReference() {
        KitReport report =
                run(
                        new XRechnungCiiAdapter(),
                        new Receiver("DE", XRechnungCiiAdapter.ID, Map.of()),
                        Map.of());
        System.out.println("XRechnung CII, no Leitweg-ID: " + report);

        Set<String> noReference = withoutBuyerReference();
        Map<String, Set<String>> refusedByRules = new HashMap<>(CII_REFUSED_BY_RULES);
        refusedByRules.keySet().removeAll(noReference);
        report.assertConformOrRefused(refusedByRules);
        assertThat(report.with(Outcome.REFUSED))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(noReference)
                .hasSize(7);
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(67);
    }
}
