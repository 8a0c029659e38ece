package io.facteur.adapter.peppol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.FileResult;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.ReceiverAdapter.Receiver;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Peppol adapter over the shared corpus and over Peppol-addressed copies of its XRechnung
 * business cases, checked by the kit as the core checks it (EN 16931 and the Peppol BIS rules of
 * the validation bundle): each file is adapted and conform, or refused with a reason; none is
 * written invalid, none falsified.
 */
class PeppolCorpusTest {

    private static final Receiver BELGIAN_BUYER =
            new Receiver("BE", "", Map.of("BT-49", PeppolCorpus.BUYER));

    /**
     * Peppol-addressed business cases whose own data Peppol refuses: a self-billed invoice (type
     * 389, rule P0100) and GLNs whose check digit is wrong (rule R040; 02.03a's CII twin declares
     * another seller registration id).
     */
    private static final Set<String> REFUSED_BY_PEPPOL_RULES =
            Set.of(
                    "01.20a-INVOICE_ubl.xml",
                    "01.20a-INVOICE_uncefact.xml",
                    "02.03a-INVOICE_uncefact.xml",
                    "03.07a-INVOICE_ubl.xml",
                    "03.07a-INVOICE_uncefact.xml");

    @TempDir Path temp;

    @Test
    void peppolAddressedBusinessCasesAreConformOrRefusedByNamedRules() {
        KitReport report =
                AdapterKit.of(new PeppolAdapter())
                        .withReceiver(BELGIAN_BUYER)
                        .run(PeppolCorpus.writeTo(temp));
        System.out.println("Peppol, addressed business cases, BT-49 from the directory: " + report);

        report.assertConformOrRefused();
        assertThat(report.results()).hasSize(66);
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(61);
        assertThat(report.with(Outcome.REFUSED))
                .allMatch(r -> r.reason().startsWith("Peppol refuses what this invoice states"))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(REFUSED_BY_PEPPOL_RULES);
        assertThat(report.with(Outcome.CONFORM))
                .allMatch(r -> r.ruleSets().contains("EN16931-UBL 1.3.16"))
                .allMatch(
                        r ->
                                r.ruleSets().stream()
                                        .anyMatch(s -> s.startsWith("Peppol-BIS-Billing-UBL")));
    }

    @Test
    void withoutTheBuyersPeppolIdentifierEveryAddressedCaseIsRefusedWithTheReason() {
        KitReport report =
                AdapterKit.of(new PeppolAdapter())
                        .withReceiver(new Receiver("NL", "", Map.of()))
                        .run(PeppolCorpus.writeTo(temp));

        report.assertConformOrRefused();
        assertThat(report.with(Outcome.REFUSED))
                .hasSize(66)
                .allMatch(
                        r ->
                                r.reason()
                                        .startsWith(
                                                "Peppol does not route invoices by the buyer's electronic address BT-49 in the scheme \"EM\""));
    }

    @Test
    void theSharedCorpusAsItIsIsConformOrRefusedWithAReason() {
        KitReport report =
                AdapterKit.of(new PeppolAdapter())
                        .withReceiver(BELGIAN_BUYER)
                        .run(SharedCorpus.folder("cii"), SharedCorpus.folder("ubl"));
        System.out.println("Peppol, shared corpus, BT-49 from the directory: " + report);

        report.assertConformOrRefused();
        Map<String, Long> reasons =
                report.with(Outcome.REFUSED).stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.reason().substring(0, 60), Collectors.counting()));
        // sellers reached by e-mail (every XRechnung business case), sellers without address,
        // the CII file without lines UBL cannot carry, and the sources that break their own rules
        assertThat(reasons)
                .containsEntry("Peppol does not route invoices by the seller's electronic ad", 69L)
                .containsEntry("Peppol routes invoices by the seller's electronic address BT", 4L)
                .containsEntry("project: This CII invoice has no invoice line (BG-25), as Fa", 1L);
        assertThat(report.with(Outcome.REFUSED))
                .filteredOn(r -> r.reason().startsWith("the source itself breaks rules of"))
                .hasSize(8)
                .allMatch(r -> !r.errorRules().isEmpty());
        assertThat(report.count(Outcome.REFUSED)).isEqualTo(82);
        assertThat(report.count(Outcome.CONFORM)).isZero();
    }
}
