package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.verapdf.pdfa.flavours.PDFAFlavour;

class FacturXEmbedderTest {

    private static byte[] pages;

    private final FacturXEmbedder embedder = new FacturXEmbedder();
    private final FacturXReader facturX = new FacturXReader();

    /** A page an invoicing capability could lay out: an embedded TrueType font, sRGB intent. */
    @BeforeAll
    static void layOutAPage() throws Exception {
        pages = page(true, true);
    }

    @Test
    void embedsTheCiiByteForByteInAPdfA3ThatReadsBack() throws Exception {
        Document xml = cii("factur-x-en16931.xml");

        Document pdf = embedder.embed(new Document("page.pdf", "application/pdf", pages), xml);

        assertThat(pdf.fileName()).isEqualTo("factur-x-en16931.pdf");
        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
        assertThat(facturX.invoiceXml(pdf))
                .hasValueSatisfying(embedded -> assertThat(embedded).isEqualTo(xml.content()));
        assertThat(facturX.detect(pdf))
                .contains(new Syntax(FacturXReader.FACTUR_X, "urn:cen.eu:en16931:2017"));
        assertThat(facturX.read(pdf)).isEqualTo(new CiiReader().read(xml));
        assertThat(xmp(pdf))
                .containsPattern("fx:ConformanceLevel(>| ?= ?\")EN 16931[<\"]")
                .containsPattern("fx:DocumentFileName(>| ?= ?\")factur-x.xml[<\"]")
                .containsPattern("pdfaid:part(>| ?= ?\")3");
        assertThat(PdfA3.failures(pdf.content(), PDFAFlavour.PDFA_3_U)).isEmpty();
        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            assertThat(opened.getNumberOfPages()).isEqualTo(1);
        }
    }

    @Test
    void theXmpNamesTheProfileOfTheXml() throws Exception {
        Document minimum = cii("facturFrMinimum.xml");
        Document xrechnung = cii("01.01a-INVOICE_uncefact.xml");

        assertThat(xmp(embedder.embed(pdf(pages), minimum)))
                .containsPattern("fx:ConformanceLevel(>| ?= ?\")MINIMUM[<\"]");
        // Factur-X 1.07 has an XRECHNUNG profile, as the Factur-X writer does
        assertThat(xmp(embedder.embed(pdf(pages), xrechnung)))
                .containsPattern("fx:ConformanceLevel(>| ?= ?\")XRECHNUNG[<\"]");
    }

    @Test
    void addsTheSrgbOutputIntentWhenThePdfHasNone() throws Exception {
        Document withoutIntent = pdf(page(true, false));

        Document pdf = embedder.embed(withoutIntent, cii("factur-x-en16931.xml"));

        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            assertThat(opened.getDocumentCatalog().getOutputIntents()).isNotEmpty();
        }
        assertThat(PdfA3.failures(pdf.content(), PDFAFlavour.PDFA_3_U)).isEmpty();
    }

    @Test
    void theVeraPdfCheckFindsAFontThatIsNotEmbedded() throws Exception {
        // the embedder does not repair pages: fonts must be embedded by who lays them out
        Document pdf = embedder.embed(pdf(page(false, true)), cii("factur-x-en16931.xml"));

        assertThat(PdfA3.failures(pdf.content(), PDFAFlavour.PDFA_3_U)).isNotEmpty();
    }

    @Test
    void embedsOnAThreadWhoseContextClassLoaderKnowsNothing() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // a CXF/Jetty request thread: Mustang must still find the sRGB profile
        thread.setContextClassLoader(new ClassLoader(null) {});
        Document pdf;
        try {
            pdf = embedder.embed(pdf(page(true, false)), cii("factur-x-en16931.xml"));
        } finally {
            thread.setContextClassLoader(previous);
        }

        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            assertThat(opened.getDocumentCatalog().getOutputIntents()).isNotEmpty();
        }
        assertThat(PdfA3.failures(pdf.content(), PDFAFlavour.PDFA_3_U)).isEmpty();
    }

    @Test
    void refusesXmlThatIsNotCii() {
        Document ubl = Corpus.document(Corpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));

        assertThatThrownBy(() -> embedder.embed(pdf(pages), ubl))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not a CII CrossIndustryInvoice (its root is Invoice)");
    }

    @Test
    void refusesACiiWhoseSpecificationNamesNoFacturXProfile() throws Exception {
        String xml =
                new String(cii("01.01a-INVOICE_uncefact.xml").content(), StandardCharsets.UTF_8)
                        .replace(
                                "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
                                "urn:example:not-a-profile");
        assertThat(xml).contains("urn:example:not-a-profile");

        assertThatThrownBy(
                        () ->
                                embedder.embed(
                                        pdf(pages),
                                        new Document(
                                                "x.xml",
                                                null,
                                                xml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("'urn:example:not-a-profile' (BT-24)")
                .hasMessageContaining("no Factur-X profile");
    }

    @Test
    void refusesBytesThatAreNoPdfAndADamagedPdf() {
        Document xml = cii("factur-x-en16931.xml");
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        byte[] notOpenable = "%PDF-1.7\n%garbage\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> embedder.embed(pdf(garbage), xml))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not a PDF");
        assertThatThrownBy(() -> embedder.embed(pdf(notOpenable), xml))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("truncated or damaged");
        assertThatThrownBy(() -> embedder.embed(pdf(Arrays.copyOf(pages, pages.length / 3)), xml))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("truncated or damaged");
    }

    @Test
    void refusesOversizedInput() {
        Document xml = cii("factur-x-en16931.xml");
        byte[] hugePdf = Arrays.copyOf(pages, FacturXAssembly.MAX_PDF_BYTES + 1);
        byte[] hugeXml = new byte[InvoiceVisualization.MAX_XML_BYTES + 1];

        assertThatThrownBy(() -> embedder.embed(pdf(hugePdf), xml))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("PDF is too large");
        assertThatThrownBy(() -> embedder.embed(pdf(pages), new Document("x.xml", null, hugeXml)))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("XML is too large");
    }

    private static Document cii(String name) {
        return Corpus.document(Corpus.folder("cii").resolve(name));
    }

    private static Document pdf(byte[] content) {
        return new Document("page.pdf", "application/pdf", content);
    }

    private static String xmp(Document pdf) throws Exception {
        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            return new String(
                            opened.getDocumentCatalog().getMetadata().toByteArray(),
                            StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ");
        }
    }

    /**
     * One A4 page of text.
     *
     * @param embeddedFont Liberation Sans (PDFBox's), else Helvetica, not embedded
     * @param outputIntent whether the PDF has an sRGB output intent
     */
    private static byte[] page(boolean embeddedFont, boolean outputIntent) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                if (embeddedFont) {
                    try (InputStream ttf =
                            PDDocument.class.getResourceAsStream(
                                    "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                        text.setFont(PDType0Font.load(doc, ttf), 12);
                    }
                } else {
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                }
                text.newLineAtOffset(72, 760);
                text.showText("Facture F-2024-001 : 1 234,56 €");
                text.endText();
            }
            if (outputIntent) {
                PDOutputIntent intent =
                        new PDOutputIntent(
                                doc,
                                new ByteArrayInputStream(
                                        ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
                intent.setInfo("sRGB IEC61966-2.1");
                intent.setOutputCondition("sRGB IEC61966-2.1");
                intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
                intent.setRegistryName("http://www.color.org");
                doc.getDocumentCatalog().addOutputIntent(intent);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
