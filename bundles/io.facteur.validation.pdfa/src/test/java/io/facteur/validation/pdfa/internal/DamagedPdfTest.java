package io.facteur.validation.pdfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A conformant corpus PDF/A-3B, damaged with PDFBox the way a careless tool would, gets the veraPDF
 * rule of what was broken; what is not a PDF at all gets one error, never an exception.
 */
class DamagedPdfTest {

    private static final String SOURCE = "pdf/EN16931_Einfach.pdf";

    private static PdfaValidator validator;

    @BeforeAll
    static void activate() {
        validator = new PdfaValidator(TestLimits.defaults());
    }

    @AfterAll
    static void deactivate() throws InterruptedException {
        validator.deactivate();
    }

    @Test
    void savedUnchangedByPdfboxItStaysConformant() throws IOException {
        ValidationReport report = validate(damaged(document -> {}));

        assertThat(report.findings()).isEmpty();
        assertThat(report.ruleSet()).startsWith("PDF/A-3B");
    }

    @Test
    void withoutOutputIntentItsDeviceColoursBreakTheRule() throws IOException {
        ValidationReport report =
                validate(
                        damaged(
                                document ->
                                        document.getDocumentCatalog()
                                                .getCOSObject()
                                                .removeItem(COSName.OUTPUT_INTENTS)));

        assertThat(report.valid()).isFalse();
        assertThat(rules(report)).contains("6.2.4.3-2").doesNotContain(PdfaReport.PART);
        assertThat(report.findings())
                .filteredOn(f -> f.rule().equals("6.2.4.3-2") && f.severity() == Severity.ERROR)
                .allSatisfy(f -> assertThat(f.message()).contains("DeviceRGB"))
                .allSatisfy(f -> assertThat(f.location()).contains("contentStream[0]"))
                .hasSize(TestLimits.defaults().maxFailedChecksPerRule());
        // this page paints in DeviceRGB more often than the default lists: the rest is counted
        assertThat(report.findings())
                .filteredOn(f -> f.rule().equals("6.2.4.3-2") && f.severity() == Severity.INFO)
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("more failed checks"));
    }

    @Test
    void withoutXmpMetadataItDeclaresNothingAndIsCheckedAsPdfa3b() throws IOException {
        ValidationReport report =
                validate(damaged(document -> document.getDocumentCatalog().setMetadata(null)));

        assertThat(report.ruleSet()).startsWith("PDF/A-3B");
        assertThat(rules(report)).contains(PdfaReport.PART, "6.6.2.1-1");
        assertThat(report.findings().get(0).message())
                .contains("declares no PDF/A")
                .contains("PDF/A-3");
    }

    @Test
    void encryptedPdfIsRefusedWithOneError() throws IOException {
        StandardProtectionPolicy policy =
                new StandardProtectionPolicy("owner", "user", new AccessPermission());
        policy.setEncryptionKeyLength(128);
        ValidationReport report =
                validate(
                        damaged(
                                document -> {
                                    try {
                                        document.protect(policy);
                                    } catch (IOException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }));

        assertThat(report.findings())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.rule()).isEqualTo(PdfaReport.UNREADABLE);
                            assertThat(f.message()).contains("encrypted");
                        });
    }

    @Test
    void truncatedPdfGivesAnErrorNotAnException() {
        byte[] pdf = Corpus.bytes(SOURCE);
        byte[] half = Arrays.copyOf(pdf, pdf.length / 2);

        ValidationReport report = validate(half);

        assertThat(report.valid()).isFalse();
        assertThat(report.findings())
                .filteredOn(f -> f.severity() == Severity.ERROR)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.message()).isNotBlank());
    }

    @Test
    void notAPdfEmptyOrHeaderOnlyGiveOneError() {
        assertThat(single(validate("this is { not a pdf".getBytes(StandardCharsets.UTF_8))))
                .satisfies(f -> assertThat(f.message()).contains("not a PDF"));
        assertThat(single(validate(new byte[0])))
                .satisfies(f -> assertThat(f.message()).contains("empty"));
        assertThat(single(validate("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII))))
                .satisfies(f -> assertThat(f.message()).contains("cannot be parsed"));
        assertThat(single(validate(garbage(4096))))
                .satisfies(f -> assertThat(f.rule()).isEqualTo(PdfaReport.UNREADABLE));
    }

    @Test
    void aPdfOverTheSizeLimitIsNotParsed() throws InterruptedException {
        PdfaValidator small = new PdfaValidator(TestLimits.maxBytes(16 * 1024));
        try {
            Finding finding = single(small.validate(Corpus.document(SOURCE), null));
            assertThat(finding.rule()).isEqualTo(PdfaReport.TOO_LARGE);
            assertThat(finding.message()).contains("maxSizeMegabytes");
        } finally {
            small.deactivate();
        }
    }

    private static ValidationReport validate(byte[] pdf) {
        return validator.validate(new Document("damaged.pdf", "application/pdf", pdf), null);
    }

    private static Finding single(ValidationReport report) {
        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).hasSize(1);
        Finding finding = report.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        return finding;
    }

    private static List<String> rules(ValidationReport report) {
        return report.findings().stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .map(Finding::rule)
                .toList();
    }

    /** The corpus PDF, changed by the damage and saved again by PDFBox. */
    private static byte[] damaged(Consumer<PDDocument> damage) throws IOException {
        try (PDDocument document = Loader.loadPDF(Corpus.bytes(SOURCE))) {
            damage.accept(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A PDF header followed by bytes that are no PDF objects. */
    private static byte[] garbage(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(42).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }
}
