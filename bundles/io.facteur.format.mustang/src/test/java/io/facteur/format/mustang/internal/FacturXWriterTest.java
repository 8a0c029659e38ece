package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.SafeXml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

class FacturXWriterTest {

    /** One writer for the class: its stylesheets are compiled once, as in a running bundle. */
    private static final FacturXWriter WRITER = new FacturXWriter(new InvoiceVisualization());

    private final FacturXReader facturX = new FacturXReader();
    private final CiiReader cii = new CiiReader();

    /** Every corpus file whose root element is a CII CrossIndustryInvoice, in whatever folder. */
    static Stream<Path> ciiFiles() {
        return Stream.of("cii", "ubl")
                .flatMap(folder -> Corpus.files(folder).stream())
                .filter(f -> Corpus.rootName(Corpus.document(f)).equals("CrossIndustryInvoice"));
    }

    @Test
    void theCorpusHoldsCiiOfEveryProfile() {
        assertThat(ciiFiles().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest
    @MethodSource("ciiFiles")
    void writesEveryCorpusCiiAsAFacturXPdfThatReadsBackToTheSameInvoice(Path file)
            throws Exception {
        Document source = Corpus.document(file);
        Syntax sourceSyntax = cii.detect(source).orElseThrow();
        Invoice expected = cii.read(source);

        Document pdf = WRITER.write(source, "CII", expected, Locale.FRENCH);

        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
        assertThat(pdf.fileName()).endsWith(".pdf");
        assertThat(facturX.detect(pdf))
                .contains(new Syntax(FacturXReader.FACTUR_X, sourceSyntax.profile()));
        assertThat(facturX.invoiceXml(pdf))
                .hasValueSatisfying(xml -> assertThat(xml).isEqualTo(source.content()));
        assertThat(facturX.read(pdf)).isEqualTo(expected);
        String profile = FacturXConformance.of(sourceSyntax.profile()).orElseThrow().getXMPName();
        assertFacturXStructure(pdf.content(), profile, attachments(source));
        assertThat(PdfA3.failures(pdf.content(), PDFAFlavour.PDFA_3_U)).isEmpty();
    }

    /**
     * The Factur-X 1.07 parts a receiver looks for, read with PDFBox. The visualization also embeds
     * the documents the invoice carries (BG-24), each an associated file of its own.
     */
    private static void assertFacturXStructure(
            byte[] content, String conformanceLevel, int attachments) throws Exception {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDDocumentCatalog catalog = pdf.getDocumentCatalog();
            COSArray associated = (COSArray) catalog.getCOSObject().getDictionaryObject("AF");
            assertThat(associated).as("catalog /AF").isNotNull().hasSize(1 + attachments);
            List<COSDictionary> invoices = new ArrayList<>();
            for (int i = 0; i < associated.size(); i++) {
                COSDictionary spec = (COSDictionary) associated.getObject(i);
                if ("factur-x.xml".equals(spec.getString(COSName.F))) {
                    invoices.add(spec);
                }
            }
            assertThat(invoices).as("factur-x.xml in /AF").hasSize(1);
            COSDictionary spec = invoices.get(0);
            assertThat(spec.getString(COSName.UF)).isEqualTo("factur-x.xml");
            assertThat(spec.getNameAsString("AFRelationship"))
                    .isEqualTo(
                            conformanceLevel.equals("MINIMUM")
                                            || conformanceLevel.equals("BASIC WL")
                                    ? "Data"
                                    : "Alternative");
            assertThat(catalog.getOutputIntents()).isNotEmpty();
            String xmp =
                    new String(catalog.getMetadata().toByteArray(), StandardCharsets.UTF_8)
                            .replaceAll("\\s+", " ");
            assertThat(xmp)
                    .containsPattern("pdfaid:part(>| ?= ?\")3")
                    .containsPattern("fx:ConformanceLevel(>| ?= ?\")" + conformanceLevel + "[<\"]")
                    .containsPattern("fx:DocumentFileName(>| ?= ?\")factur-x.xml[<\"]")
                    .containsPattern("fx:DocumentType(>| ?= ?\")INVOICE[<\"]")
                    .contains("urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#");
        }
    }

    @Test
    void theVeraPdfCheckRefusesThePlainViewThatIsNoPdfA() throws Exception {
        Document source =
                Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        Document view =
                new MustangRenderer(new InvoiceVisualization())
                        .render(source, new Syntax("CII", ""), Locale.FRENCH);

        assertThat(PdfA3.failures(view.content(), PDFAFlavour.PDFA_3_U)).isNotEmpty();
    }

    @Test
    void theLocalePicksTheLanguageOfThePages() throws Exception {
        Document source =
                Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        String german = text(WRITER.write(source, "CII", null, Locale.GERMANY));
        String english = text(WRITER.write(source, "CII", null, Locale.ENGLISH));
        String italian = text(WRITER.write(source, "CII", null, Locale.ITALIAN));

        assertThat(german).contains("Rechnungsnummer").contains("123456XX");
        assertThat(english).contains("Invoice number").doesNotContain("Rechnungsnummer");
        assertThat(italian).as("no Italian labels: French").contains("Numéro de facture");
    }

    @Test
    void severalThreadsWriteAtOnce() throws Exception {
        List<Document> sources = ciiFiles().limit(8).map(Corpus::document).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Document>> written = new ArrayList<>();
            for (Document source : sources) {
                written.add(pool.submit(() -> WRITER.write(source, "CII", null, Locale.FRENCH)));
            }
            for (int i = 0; i < sources.size(); i++) {
                Document pdf = written.get(i).get();
                assertThat(facturX.invoiceXml(pdf)).contains(sources.get(i).content());
                assertThat(facturX.read(pdf)).isEqualTo(cii.read(sources.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void describesWhatItWrites() {
        assertThat(WRITER.syntax()).isEqualTo("FACTUR_X");
        assertThat(WRITER.mediaType()).isEqualTo("application/pdf");
        assertThat(WRITER.extension()).isEqualTo("pdf");
        assertThat(WRITER.accepts("CII")).isTrue();
        assertThat(WRITER.accepts("UBL")).isFalse();
        assertThat(WRITER.accepts("FACTUR_X")).isFalse();
    }

    @Test
    void refusesOtherSourcesWithAReason() {
        Document ubl = Corpus.document(Corpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));

        assertThatThrownBy(() -> WRITER.write(ubl, "UBL", null, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("only be written from CII");
        assertThatThrownBy(() -> WRITER.write(ubl, "CII", null, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not a CII CrossIndustryInvoice");
    }

    @Test
    void refusesACiiWhoseSpecificationNamesNoFacturXProfile() {
        String xml =
                new String(
                                Corpus.document(
                                                Corpus.folder("cii")
                                                        .resolve("01.01a-INVOICE_uncefact.xml"))
                                        .content(),
                                StandardCharsets.UTF_8)
                        .replace(
                                "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
                                "urn:example:not-a-profile");
        assertThat(xml).contains("urn:example:not-a-profile");

        assertThatThrownBy(
                        () ->
                                WRITER.write(
                                        new Document(
                                                "x.xml",
                                                null,
                                                xml.getBytes(StandardCharsets.UTF_8)),
                                        "CII",
                                        null,
                                        Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("'urn:example:not-a-profile' (BT-24)");
    }

    @Test
    void refusesOversizedAndDoctypeInput() {
        byte[] huge = new byte[InvoiceVisualization.MAX_XML_BYTES + 1];
        byte[] doctype =
                ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                                + "<x>&e;</x>")
                        .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WRITER.write(new Document("x", null, huge), "CII", null, null))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> WRITER.write(new Document("x", null, doctype), "CII", null, null))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void writesOnAThreadWhoseContextClassLoaderKnowsNothing() throws Exception {
        Document source =
                Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // a CXF/Jetty request thread: Mustang must not depend on what the caller's TCCL holds
        thread.setContextClassLoader(new ClassLoader(null) {});
        Document pdf;
        try {
            pdf = WRITER.write(source, "CII", null, Locale.FRENCH);
        } finally {
            thread.setContextClassLoader(previous);
        }

        assertThat(PdfA3.failures(pdf.content(), PDFAFlavour.PDFA_3_U)).isEmpty();
        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            assertThat(opened.getDocumentCatalog().getOutputIntents()).isNotEmpty();
        }
    }

    /** How many documents (BG-24) the CII carries as binary objects. */
    private static int attachments(Document cii) throws Exception {
        return (int)
                Double.parseDouble(
                        XPathFactory.newInstance()
                                .newXPath()
                                .evaluate(
                                        "count(//*[local-name()='AttachmentBinaryObject'])",
                                        SafeXml.parse(cii.content())));
    }

    private static String text(Document pdf) throws Exception {
        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            return new PDFTextStripper().getText(opened);
        }
    }
}
