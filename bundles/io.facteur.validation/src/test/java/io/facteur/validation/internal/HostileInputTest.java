package io.facteur.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileInputTest {

    private final En16931Validator validator = new En16931Validator(new RuleLibrary());

    @Test
    void externalEntityIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [<!ENTITY x SYSTEM \""
                        + secret.toUri()
                        + "\">]>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
                        + "Invoice-2\">&x;</Invoice>";

        ValidationReport report = validator.validate(document(xml), null);

        assertThat(report.findings()).hasSize(1);
        assertThat(report.findings().get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(report.findings().get(0).rule()).isEqualTo(PhiveValidator.UNREADABLE_RULE);
        assertThat(report.findings().get(0).message())
                .contains("DOCTYPE")
                .doesNotContain("TOP-SECRET");
    }

    @Test
    void notXmlGivesOneError() {
        ValidationReport report = validator.validate(document("this is { not xml"), null);

        assertThat(report.valid()).isFalse();
        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.rule()).isEqualTo(PhiveValidator.UNREADABLE_RULE));
    }

    @Test
    void emptyAndForeignXmlGiveOneError() {
        assertThat(validator.validate(new Document("e", null, new byte[0]), null).findings())
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(validator.validate(document("<html><body/></html>"), null).findings())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("do not cover"));
    }

    @Test
    void pdfWithoutInvoiceGivesOneError() {
        ValidationReport report =
                validator.validate(
                        Corpus.document("bad", "corrupt-factur-x-waytoosmall.pdf"), null);

        assertThat(report.valid()).isFalse();
        assertThat(report.findings()).hasSize(1);
    }

    @Test
    void pdfWhoseInvoiceAttachmentIsAFlateBombGivesOneErrorWithoutInflatingIt() throws Exception {
        java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (java.io.OutputStream out =
                new java.util.zip.DeflaterOutputStream(
                        deflated, new java.util.zip.Deflater(9), 1 << 16)) {
            for (int mb = 0; mb < 512; mb++) {
                out.write(zeros);
            }
        }
        byte[] pdf;
        try (org.apache.pdfbox.pdmodel.PDDocument doc =
                new org.apache.pdfbox.pdmodel.PDDocument()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            org.apache.pdfbox.cos.COSStream stream = doc.getDocument().createCOSStream();
            try (java.io.OutputStream raw = stream.createRawOutputStream()) {
                raw.write(deflated.toByteArray());
            }
            stream.setItem(
                    org.apache.pdfbox.cos.COSName.FILTER,
                    org.apache.pdfbox.cos.COSName.FLATE_DECODE);
            var spec =
                    new org.apache.pdfbox.pdmodel.common.filespecification
                            .PDComplexFileSpecification(null);
            spec.setFile("factur-x.xml");
            spec.setEmbeddedFile(
                    new org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile(stream));
            var tree = new org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode();
            tree.setNames(java.util.Map.of("factur-x.xml", spec));
            var names =
                    new org.apache.pdfbox.pdmodel.PDDocumentNameDictionary(
                            doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            doc.save(out);
            pdf = out.toByteArray();
        }

        ValidationReport report =
                validator.validate(new Document("bomb.pdf", "application/pdf", pdf), null);

        assertThat(report.valid()).isFalse();
        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("larger than 16 MB"));
    }

    private static Document document(String text) {
        return new Document(
                "hostile.xml", "application/xml", text.getBytes(StandardCharsets.UTF_8));
    }
}
