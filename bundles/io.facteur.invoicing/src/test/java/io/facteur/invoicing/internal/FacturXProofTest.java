package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.Components;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.Validator;
import io.facteur.api.invoice.BusinessTerms;
import io.facteur.api.invoice.Invoice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole Factur-X of every generated invoice ({@link GeneratedInvoices}), made with the
 * platform's real embedder (format.mustang), proven three ways: Mustang's own validator finds it
 * valid (PDF/A-3 by veraPDF, Factur-X metadata, EN 16931 schema and Schematron); the project's
 * Factur-X reader reads the same business terms from it as the CII reader from the bare CII, and
 * the embedded XML is the CII byte for byte; the project's validators that apply to it (EN 16931,
 * the Factur-X profile, PDF/A) report no error. A page PDF that is no PDF/A shows that both PDF/A
 * verdicts can fail.
 */
class FacturXProofTest {

    private static final Instant ISSUED_AT = Instant.parse("2026-03-12T10:15:30Z");

    private static Components components;
    private static List<Validator> validators;
    private static InvoiceFiles files;
    private static MustangValidator mustang;

    @BeforeAll
    static void load() {
        components = Components.onClassPath();
        validators = DefaultConfigured.provide(components, Validator.class);
        List<PdfInvoiceEmbedder> embedders = components.provide(PdfInvoiceEmbedder.class);
        assertThat(embedders).as("the platform's embedder (format.mustang)").hasSize(1);
        files = new InvoiceFiles(embedders.get(0));
        mustang = new MustangValidator();
    }

    @AfterAll
    static void close() throws IOException {
        mustang.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.facteur.invoicing.internal.GeneratedInvoices#invoices")
    void isValidFacturXAndSaysWhatTheCiiSays(String name, SellerProfile seller, Draft draft)
            throws Exception {
        assertThat(DraftCheck.check(draft, seller, Locale.ENGLISH)).as("draft check").isEmpty();
        IssuedInvoice issued = SampleDrafts.issue(draft, seller, "F-2026-0042");
        byte[] cii = CiiInvoice.write(issued);
        Document facturX = files.facturX(issued, ISSUED_AT);
        assertThat(facturX.mediaType()).isEqualTo("application/pdf");

        // (a) Mustang's validator: PDF/A-3 and Factur-X on the PDF side, EN 16931 on the XML side
        MustangValidator.Report report = mustang.validate(facturX.content(), facturX.fileName());
        assertThat(report.status("pdf")).as(report.xml()).isEqualTo("valid");
        assertThat(report.status("xml")).as(report.xml()).isEqualTo("valid");
        assertThat(report.status("")).as(report.xml()).isEqualTo("valid");
        assertThat(report.errors()).as(report.xml()).isEmpty();
        assertThat(report.profile()).as(report.xml()).contains(CiiInvoice.GUIDELINE);

        // (b) the project's Factur-X reader says what the CII reader says, from the same bytes
        Document xml = new Document("F-2026-0042.xml", "application/xml", cii);
        InvoiceReader ciiReader = reader(xml, "CII");
        Invoice fromCii = ciiReader.read(xml);
        InvoiceReader facturXReader = reader(facturX, "FACTUR_X");
        Syntax syntax = facturXReader.detect(facturX).orElseThrow();
        assertThat(syntax).isEqualTo(new Syntax("FACTUR_X", CiiInvoice.GUIDELINE));
        Invoice fromPdf = facturXReader.read(facturX);
        assertThat(BusinessTerms.differences(fromCii, fromPdf)).isEmpty();
        assertThat(fromPdf.number()).isEqualTo("F-2026-0042");
        assertThat(embeddedFacturXXml(facturX.content())).isEqualTo(cii);

        // (c) the project's validators that apply to a Factur-X PDF, PDF/A (veraPDF) among them
        List<ValidationReport> reports = validate(facturX, fromPdf, syntax);
        assertThat(reports)
                .extracting(ValidationReport::ruleSet)
                .anyMatch(r -> r.startsWith("EN16931-CII"))
                .anyMatch(r -> r.startsWith("Factur-X-EN16931"))
                .anyMatch(r -> r.startsWith("PDF/A-3"));
        for (ValidationReport r : reports) {
            assertThat(r.findings())
                    .as(r.ruleSet())
                    .noneMatch(f -> f.severity() == ValidationReport.Severity.ERROR);
        }
    }

    /**
     * Pages with a font that is not embedded (Helvetica, one of the 14 standard fonts) and no
     * output intent, made Factur-X by the same embedder: the CII is as valid as ever, and both
     * PDF/A verdicts must now be no.
     */
    @Test
    void pagesThatAreNoPdfAGiveAnInvalidFacturX() throws Exception {
        IssuedInvoice issued =
                SampleDrafts.issue(
                        SampleDrafts.invoice(
                                List.of(SampleDrafts.line("Conseil", "1", "100", "S", "20"))),
                        SampleDrafts.seller(),
                        "F-2026-0043");
        Document pages = new Document("F-2026-0043.pdf", "application/pdf", standardFontPage());
        Document xml = new Document("F-2026-0043.xml", "application/xml", CiiInvoice.write(issued));
        Document facturX = components.provide(PdfInvoiceEmbedder.class).get(0).embed(pages, xml);

        MustangValidator.Report report = mustang.validate(facturX.content(), facturX.fileName());
        // veraPDF's verdict, in the PDF part: 6.2.11.4.1 is "font programs shall be embedded". The
        // last summary of Mustang 2.25's report follows the XML part only, hence the PDF part's
        assertThat(report.status("pdf")).as(report.xml()).isEqualTo("invalid");
        assertThat(report.xml()).contains("clause=6.2.11.4.1");
        assertThat(report.status("xml")).as(report.xml()).isEqualTo("valid");

        InvoiceReader reader = reader(facturX, "FACTUR_X");
        Syntax syntax = reader.detect(facturX).orElseThrow();
        List<ValidationReport> reports = validate(facturX, reader.read(facturX), syntax);
        assertThat(reports)
                .filteredOn(r -> r.ruleSet().startsWith("PDF/A"))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.findings())
                                        .as(r.ruleSet())
                                        .anyMatch(
                                                f ->
                                                        f.severity()
                                                                == ValidationReport.Severity
                                                                        .ERROR));
    }

    private static List<ValidationReport> validate(Document document, Invoice read, Syntax syntax) {
        List<ValidationReport> reports = new ArrayList<>();
        for (Validator validator : validators) {
            if (validator.appliesTo(syntax)) {
                reports.add(validator.validate(document, read));
            }
        }
        return reports;
    }

    private static InvoiceReader reader(Document document, String syntax) {
        for (InvoiceReader reader : components.provide(InvoiceReader.class)) {
            Optional<Syntax> detected = reader.detect(document);
            if (detected.isPresent() && syntax.equals(detected.get().syntax())) {
                return reader;
            }
        }
        throw new AssertionError("no " + syntax + " reader on the class path");
    }

    /** The bytes of the PDF's {@code factur-x.xml} attachment, as PDFBox finds it. */
    private static byte[] embeddedFacturXXml(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            assertThat(names).as("names dictionary").isNotNull();
            PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> attached = tree.getNames();
            assertThat(attached).as("attachments").containsOnlyKeys("factur-x.xml");
            return attached.get("factur-x.xml").getEmbeddedFile().toByteArray();
        }
    }

    private static byte[] standardFontPage() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Facture F-2026-0043");
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
