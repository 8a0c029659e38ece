package io.facteur.adapter.de.internal;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Both XRechnung adapters over every CII and UBL invoice of the shared corpus, checked by the kit
 * as the core checks them: each file is adapted and conform (KoSIT's XRechnung 3.0.2 and CEN's
 * rules find no error), or refused with a reason: the source breaks its own rules (the core's gate
 * refuses it before any adapter), the UBL writer cannot carry it, or it lacks a term XRechnung
 * requires and the adapter may not invent (the Leitweg-ID, the seller's contact, an electronic
 * address, payment instructions). None is written invalid, none falsified.
 */
class XRechnungCorpusTest {

    private static final String LEITWEG_ID = "04011000-12345-03";

    /**
     * A valid CII file UBL cannot carry (no lines): the UBL writer refuses it before any adapter.
     */
    private static final Set<String> NO_LINES = Set.of("factur-x-basicwl.xml");

    /** The start of the kit's reason when the source itself is invalid (the core's gate). */
    static final String SOURCE_INVALID = "the source itself breaks rules of";

    /** The start of the adapter's reason when XRechnung's required terms are missing. */
    static final String REQUIRED_MISSING = "XRechnung requires terms this invoice does not carry";

    /**
     * The corpus files that break their own rules (EN 16931, their Factur-X profile) when read as
     * they are: the core never delivers nor exports them, in any form.
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
     * Valid invoices that lack what XRechnung requires and no adapter may invent (the seller's
     * contact, an electronic address, payment instructions): refused with those terms named.
     */
    static final Set<String> LACKING_REQUIRED_TERMS =
            Set.of(
                    "Factur-X_basic.xml",
                    "bt17-response_1760553749128.cii.xml",
                    "factur-x-basic.xml",
                    "factur-x.xml",
                    "minimalDebit.xml");

    /**
     * Every file is conform or refused with a reason, and each refusal is one of the known kinds.
     */
    private static void assertConformOrRefusedFor(KitReport report, Set<String> writerCannotCarry) {
        report.assertConformOrRefused();
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.reason().startsWith(SOURCE_INVALID))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(SOURCE_INVALID_FILES);
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.reason().startsWith(SOURCE_INVALID))
                .allMatch(r -> !r.errorRules().isEmpty());
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.reason().startsWith("project: "))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(writerCannotCarry);
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

        assertConformOrRefusedFor(report, NO_LINES);
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.reason().startsWith(REQUIRED_MISSING))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(LACKING_REQUIRED_TERMS);
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
        report.assertConformOrRefused();
        assertThat(
                        report.with(Outcome.REFUSED).stream()
                                .filter(
                                        r ->
                                                r.reason()
                                                        .startsWith(
                                                                "XRechnung requires the buyer reference BT-10 (Leitweg-ID"))
                                .map(FileResult::name))
                .containsExactlyInAnyOrderElementsOf(
                        noReference.stream()
                                .filter(n -> !NO_LINES.contains(n))
                                .filter(n -> !SOURCE_INVALID_FILES.contains(n))
                                .toList())
                .isNotEmpty();
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

        assertConformOrRefusedFor(report, Set.of());
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.reason().startsWith(REQUIRED_MISSING))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(
                                        LACKING_REQUIRED_TERMS.stream(),
                                        Stream.of("factur-x-basicwl.xml", "factur-x-en16931.xml"))
                                .toList());
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
        report.assertConformOrRefused();
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.reason().startsWith("XRechnung requires the buyer reference"))
                .extracting(FileResult::name)
                .isSubsetOf(noReference)
                .isNotEmpty();
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(67);
    }
}
