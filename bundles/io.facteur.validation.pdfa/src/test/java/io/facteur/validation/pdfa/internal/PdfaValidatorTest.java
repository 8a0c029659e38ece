package io.facteur.validation.pdfa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the component promises beyond single reports: which syntaxes, bounds, threads, stop. */
class PdfaValidatorTest {

    @Test
    void appliesToFacturXAndZugferdPdfsOnly() throws InterruptedException {
        PdfaValidator validator = new PdfaValidator(TestLimits.defaults());
        try {
            assertThat(validator.appliesTo(new Syntax("FACTUR_X", "urn:cen.eu:en16931:2017")))
                    .isTrue();
            assertThat(validator.appliesTo(new Syntax("ZUGFERD_1", ""))).isTrue();
            assertThat(validator.appliesTo(new Syntax("CII", "urn:cen.eu:en16931:2017"))).isFalse();
            assertThat(validator.appliesTo(new Syntax("UBL", ""))).isFalse();
        } finally {
            validator.deactivate();
        }
    }

    @Test
    void failedChecksAreListedUpToTheLimitPerRuleAndTheRestCounted() throws InterruptedException {
        String pdf = "pdf/ZTESTZUGFERD_1_INVDSS_012015738820PDF-1.pdf";
        Map<String, Long> all = errorsPerRule(pdf, 1000);
        Map<String, Long> one = errorsPerRule(pdf, 1);

        assertThat(all).containsKeys("6.2.11.4.1-1", "6.2.4.3-4");
        // Courier, Helvetica, Helvetica-Bold... are not embedded: several checks of one rule
        assertThat(all.get("6.2.11.4.1-1")).isGreaterThan(1);
        assertThat(one.keySet()).isEqualTo(all.keySet());
        assertThat(one.values()).containsOnly(1L);
    }

    /** Errors per rule with that limit; checks that the INFO finding counts the unlisted ones. */
    private static Map<String, Long> errorsPerRule(String pdf, int limit)
            throws InterruptedException {
        PdfaValidator validator = new PdfaValidator(TestLimits.maxFailedChecksPerRule(limit));
        try {
            ValidationReport report = validator.validate(Corpus.document(pdf), null);
            Map<String, Long> errors =
                    report.findings().stream()
                            .filter(f -> f.severity() == Severity.ERROR)
                            .collect(Collectors.groupingBy(Finding::rule, Collectors.counting()));
            Map<String, Long> total = new java.util.HashMap<>(errors);
            for (Finding info : report.findings()) {
                if (info.severity() == Severity.INFO) {
                    long unlisted = Long.parseLong(info.message().split(" ")[0]);
                    assertThat(info.message()).contains("more failed checks");
                    total.merge(info.rule(), unlisted, Long::sum);
                }
            }
            assertThat(total.values()).as("listed + counted").allMatch(n -> n >= 1);
            if (limit == 1) {
                assertThat(total).isEqualTo(errorsPerRule(pdf, 1000));
            }
            return errors;
        } finally {
            validator.deactivate();
        }
    }

    @Test
    void aCheckOverTheTimeLimitIsStoppedAndTheInvoiceIsInvalid() throws InterruptedException {
        PdfaValidator validator = new PdfaValidator(TestLimits.timeout(Duration.ofMillis(1)));
        try {
            ValidationReport report =
                    validator.validate(Corpus.document("pdf/invoice_EN16931.pdf"), null);
            assertThat(report.valid()).isFalse();
            assertThat(report.findings())
                    .filteredOn(f -> f.rule().equals(PdfaReport.STOPPED))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("timeoutSeconds"));
        } finally {
            validator.deactivate();
        }
    }

    @Test
    void concurrentCallersGetTheSameReportsAsOneCaller() throws Exception {
        PdfaValidator validator = new PdfaValidator(TestLimits.defaults());
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<String> pdfs = Corpus.pdfs();
            Function<String, List<String>> rules =
                    pdf ->
                            validator.validate(Corpus.document(pdf), null).findings().stream()
                                    .map(f -> f.rule() + " " + f.location())
                                    .toList();
            Map<String, List<String>> alone =
                    pdfs.stream().collect(Collectors.toMap(pdf -> pdf, rules));
            List<Future<Map.Entry<String, List<String>>>> together = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String pdf : pdfs) {
                    together.add(callers.submit(() -> Map.entry(pdf, rules.apply(pdf))));
                }
            }
            for (Future<Map.Entry<String, List<String>>> f : together) {
                Map.Entry<String, List<String>> result = f.get();
                assertThat(result.getValue())
                        .as(result.getKey())
                        .isEqualTo(alone.get(result.getKey()));
            }
        } finally {
            callers.shutdownNow();
            validator.deactivate();
        }
    }

    @Test
    void afterDeactivationACheckIsRefusedWithAnExceptionToRetryNotAFinding()
            throws InterruptedException {
        PdfaValidator validator = new PdfaValidator(TestLimits.defaults());
        validator.validate(Corpus.document("pdf/zugferd_invoice.pdf"), null);
        validator.deactivate();

        assertThatThrownBy(
                        () -> validator.validate(Corpus.document("pdf/zugferd_invoice.pdf"), null))
                .isInstanceOf(CheckRunner.Closing.class);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("facteur-pdfa-") && t.isAlive());
    }
}
