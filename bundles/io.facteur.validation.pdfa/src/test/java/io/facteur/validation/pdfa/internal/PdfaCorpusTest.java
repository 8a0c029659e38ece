package io.facteur.validation.pdfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PDF of the shared corpus gets a report, and the ones that are PDF/A-3 are told apart from
 * the ones that are not, by the rules veraPDF reports.
 */
class PdfaCorpusTest {

    /** PDFs that conform to the PDF/A-3 flavour they declare: no error. */
    static final Set<String> PDFA_3 =
            Set.of(
                    "pdf/EN16931_1_Teilrechnung.pdf", // 3B
                    "pdf/EN16931_Einfach.pdf", // 3B
                    "pdf/MustangBeispiel20221026.pdf", // 3U
                    "pdf/MustangGnuaccountingBeispielRE-20170509_505.pdf", // 3U
                    "pdf/invoice_EN16931.pdf", // 3B
                    "pdf/zugferd_invoice.pdf", // 3B
                    "bad/XMLinvalidV2PDF.pdf"); // 3U: its invoice XML is invalid, not its PDF

    /** PDFs that are not PDF/A-3, with every rule that their report must list as an error. */
    static final Map<String, Set<String>> NOT_PDFA_3 =
            Map.of(
                    // declares PDF/A-3U, but fonts are not embedded, DeviceGray/RGB without output
                    // intent, an incomplete CIDSet, and pdfaid:conformance "u" in lower case
                    "pdf/ZTESTZUGFERD_1_INVDSS_012015738820PDF-1.pdf",
                    Set.of("6.2.11.4.1-1", "6.2.4.3-4", "6.2.4.3-2", "6.2.11.4.2-2", "6.6.4-3"),
                    // a valid PDF/A-4F, but Factur-X asks for PDF/A-3
                    "pdf/EXTENDED_Fremdwaehrung_wdis_fx-pdfa4.pdf",
                    Set.of(PdfaReport.PART),
                    // a valid PDF/A-1A (without any invoice)
                    "bad/MustangGnuaccountingBeispielRE-20201121_508blanko.pdf",
                    Set.of(PdfaReport.PART),
                    // veraPDF's own test file: PDF/A-1A with pdfaid:conformance "a" in lower case
                    "bad/veraPDFtestsuite6-7-11-t01-fail-a.pdf",
                    Set.of(PdfaReport.PART, "6.7.11-3"),
                    // 15 bytes: a PDF header and nothing else
                    "bad/corrupt-factur-x-waytoosmall.pdf",
                    Set.of(PdfaReport.UNREADABLE));

    private static PdfaValidator validator;

    @BeforeAll
    static void activate() {
        validator = new PdfaValidator(TestLimits.defaults());
    }

    @AfterAll
    static void deactivate() throws InterruptedException {
        validator.deactivate();
    }

    static List<String> pdfs() {
        return Corpus.pdfs();
    }

    @Test
    void everyCorpusPdfIsNamedHere() {
        assertThat(Corpus.pdfs())
                .hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(
                        pdf ->
                                assertThat(PDFA_3.contains(pdf) || NOT_PDFA_3.containsKey(pdf))
                                        .as("%s is named in PDFA_3 or NOT_PDFA_3", pdf)
                                        .isTrue());
    }

    @ParameterizedTest
    @MethodSource("pdfs")
    void everyCorpusPdfGetsTheExpectedReport(String pdf) {
        ValidationReport report = validator.validate(Corpus.document(pdf), null);

        assertThat(report.ruleSet()).startsWith("PDF/A").contains("veraPDF 1.30");
        if (PDFA_3.contains(pdf)) {
            assertThat(report.findings()).as(pdf).isEmpty();
            assertThat(report.valid()).isTrue();
            assertThat(report.ruleSet()).startsWith("PDF/A-3");
        } else {
            assertThat(report.valid()).as(pdf).isFalse();
            assertThat(errorRules(report)).as(pdf).containsAll(NOT_PDFA_3.get(pdf));
            assertThat(report.findings())
                    .allSatisfy(f -> assertThat(f.message()).as(f.rule()).isNotBlank());
        }
    }

    @Test
    void failedVeraPdfChecksCarryClauseTestNumberAndLocation() {
        ValidationReport report =
                validator.validate(
                        Corpus.document("pdf/ZTESTZUGFERD_1_INVDSS_012015738820PDF-1.pdf"), null);

        assertThat(report.ruleSet()).startsWith("PDF/A-3U (veraPDF");
        Finding font =
                report.findings().stream()
                        .filter(f -> f.rule().equals("6.2.11.4.1-1"))
                        .findFirst()
                        .orElseThrow();
        assertThat(font.severity()).isEqualTo(Severity.ERROR);
        assertThat(font.location()).startsWith("root/document[0]/pages[0]").contains("font[0]");
        assertThat(font.message())
                .contains("font programs for all fonts used for rendering")
                .contains("[The font program is not embedded]");
    }

    @Test
    void aPdfa4InvoicePassesWhenPart4IsAccepted() throws InterruptedException {
        PdfaValidator lenient = new PdfaValidator(TestLimits.acceptedParts(Set.of(3, 4)));
        try {
            ValidationReport report =
                    lenient.validate(
                            Corpus.document("pdf/EXTENDED_Fremdwaehrung_wdis_fx-pdfa4.pdf"), null);
            assertThat(report.ruleSet()).startsWith("PDF/A-4F");
            assertThat(report.findings()).isEmpty();
        } finally {
            lenient.deactivate();
        }
        ValidationReport strict =
                validator.validate(
                        Corpus.document("pdf/EXTENDED_Fremdwaehrung_wdis_fx-pdfa4.pdf"), null);
        assertThat(strict.findings())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.rule()).isEqualTo(PdfaReport.PART);
                            assertThat(f.message()).contains("PDF/A-4F").contains("PDF/A-3");
                        });
    }

    /**
     * Checking a PDF again, on threads that keep veraPDF's compiled rules, gives the same report;
     * prints how long one PDF takes then (the median of three warm passes), for the README. Timings
     * are printed, not asserted.
     */
    @Test
    void aWarmCheckGivesTheSameReportAndIsTimed() {
        List<String> pdfs = Corpus.pdfs();
        Map<String, ValidationReport> first = new TreeMap<>();
        pdfs.forEach(pdf -> first.put(pdf, validator.validate(Corpus.document(pdf), null)));
        Map<String, List<Double>> millis = new TreeMap<>();
        for (int pass = 0; pass < 3; pass++) {
            for (String pdf : pdfs) {
                var document = Corpus.document(pdf);
                long start = System.nanoTime();
                ValidationReport again = validator.validate(document, null);
                millis.computeIfAbsent(pdf, k -> new java.util.ArrayList<>())
                        .add((System.nanoTime() - start) / 1e6);
                assertThat(again).as(pdf).isEqualTo(first.get(pdf));
            }
        }
        double sum = 0;
        for (Map.Entry<String, List<Double>> e : millis.entrySet()) {
            double median = e.getValue().stream().sorted().toList().get(1);
            sum += median;
            System.out.printf("PDF/A warm %8.1f ms  %s%n", median, e.getKey());
        }
        System.out.printf(
                "PDF/A warm: %d PDFs, %.1f ms per PDF (median of 3 passes each)%n",
                pdfs.size(), sum / pdfs.size());
    }

    private static Set<String> errorRules(ValidationReport report) {
        return report.findings().stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .map(Finding::rule)
                .collect(Collectors.toSet());
    }
}
