package io.facteur.adapter.peppol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.ReceiverAdapter.Receiver;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Peppol adapter over the shared corpus and over Peppol-addressed copies of its XRechnung
 * business cases, checked by the kit as the core checks it (EN 16931 and the Peppol BIS rules of
 * the validation bundle): each file is adapted and conform, or refused with a reason; the files the
 * rules refuse are named with the rules' ids.
 */
class PeppolCorpusTest {

    private static final Receiver BELGIAN_BUYER =
            new Receiver("BE", "", Map.of("BT-49", PeppolCorpus.BUYER));

    /** Shared corpus as is: what the rules refuse among the files the adapter takes. */
    private static final Map<String, Set<String>> CORPUS_REFUSED_BY_RULES =
            Map.of(
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
                            "DK-R-014",
                            "PEPPOL-EN16931-CL008",
                            "PEPPOL-EN16931-R046",
                            "UBL-DT-01"),
                    "UC11_F202600022_EXTENDED_FX_CII_BT-X-589Only_on_GROUP_Line.xml",
                    Set.of(
                            "BR-22",
                            "BR-23",
                            "BR-26",
                            "BR-27",
                            "BR-CO-04",
                            "BR-CO-10",
                            "BR-S-10",
                            "PEPPOL-COMMON-R040",
                            "PEPPOL-EN16931-R002",
                            "PEPPOL-EN16931-R100",
                            "PEPPOL-EN16931-R111",
                            "PEPPOL-EN16931-R120",
                            "UBL-SR-52"),
                    // a UBL sample that does not follow UBL 2.1's schema
                    "ubl-creditnote.xml",
                    Set.of("XSD"));

    /** Peppol-addressed business cases: what the rules refuse. */
    private static final Map<String, Set<String>> ADDRESSED_REFUSED_BY_RULES = addressed();

    private static Map<String, Set<String>> addressed() {
        Map<String, Set<String>> refused = new HashMap<>();
        // the business case's own data: a Peppol-only rule on its period, and GLNs whose
        // check digit is wrong (02.03a's CII twin declares another seller registration id)
        refused.put("01.20a-INVOICE_ubl.xml", Set.of("PEPPOL-EN16931-P0100"));
        refused.put("01.20a-INVOICE_uncefact.xml", Set.of("PEPPOL-EN16931-P0100"));
        refused.put("02.03a-INVOICE_uncefact.xml", Set.of("PEPPOL-COMMON-R040"));
        refused.put("03.07a-INVOICE_ubl.xml", Set.of("PEPPOL-COMMON-R040"));
        refused.put("03.07a-INVOICE_uncefact.xml", Set.of("PEPPOL-COMMON-R040"));
        return Map.copyOf(refused);
    }

    @TempDir Path temp;

    @Test
    void peppolAddressedBusinessCasesAreConformOrRefusedByNamedRules() {
        KitReport report =
                AdapterKit.of(new PeppolAdapter())
                        .withReceiver(BELGIAN_BUYER)
                        .run(PeppolCorpus.writeTo(temp));
        System.out.println("Peppol, addressed business cases, BT-49 from the directory: " + report);

        report.assertConformOrRefused(ADDRESSED_REFUSED_BY_RULES);
        assertThat(report.results()).hasSize(66);
        assertThat(report.count(Outcome.CONFORM)).isEqualTo(61);
        assertThat(report.count(Outcome.REFUSED)).isZero();
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

        report.assertConformOrRefused(CORPUS_REFUSED_BY_RULES);
        Map<String, Long> reasons =
                report.with(Outcome.REFUSED).stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.reason().substring(0, 60), Collectors.counting()));
        // sellers reached by e-mail (every XRechnung business case), sellers without address,
        // and the two CII files without lines UBL cannot carry
        assertThat(reasons)
                .containsEntry("Peppol does not route invoices by the seller's electronic ad", 72L)
                .containsEntry("Peppol routes invoices by the seller's electronic address BT", 5L)
                .containsEntry("project: This CII invoice has no invoice line (BG-25), as Fa", 2L);
        assertThat(report.count(Outcome.REFUSED)).isEqualTo(79);
        assertThat(report.count(Outcome.CONFORM)).isZero();
    }
}
