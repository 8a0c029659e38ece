package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import java.io.IOException;
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
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MustangRendererTest {

    /** One renderer for the class: its stylesheets are compiled once, as in a running bundle. */
    private static final MustangRenderer RENDERER = new MustangRenderer(new InvoiceVisualization());

    private static final Syntax CII = new Syntax("CII", "");
    private static final Syntax UBL = new Syntax("UBL", "");

    static Stream<Path> invoiceXml() {
        return Stream.concat(Corpus.files("cii").stream(), Corpus.files("ubl").stream());
    }

    @ParameterizedTest
    @MethodSource("invoiceXml")
    void rendersEveryCorpusInvoiceAsAPdfShowingItsNumberAndSeller(Path file) throws Exception {
        Document xml = Corpus.document(file);
        Syntax syntax = syntaxByRoot(xml);

        Document pdf = RENDERER.render(xml, syntax, Locale.FRENCH);

        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
        assertThat(pdf.fileName()).endsWith(".pdf");
        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            assertThat(opened.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            String text = words(new PDFTextStripper().getText(opened));
            assertThat(text).contains(words(declared(xml, NUMBER)));
            assertThat(text).contains(words(declared(xml, SELLER)));
        }
    }

    @Test
    void frenchAndGermanRenderingsHaveTheirOwnLabels() throws Exception {
        Document xml = Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        String french = text(RENDERER.render(xml, CII, Locale.FRANCE));
        String german = text(RENDERER.render(xml, CII, Locale.GERMAN));
        String english = text(RENDERER.render(xml, CII, Locale.ENGLISH));

        assertThat(french).contains("Numéro de facture").doesNotContain("Rechnungsnummer");
        assertThat(german).contains("Rechnungsnummer").doesNotContain("Numéro de facture");
        assertThat(english).contains("Invoice number").doesNotContain("Rechnungsnummer");
        assertThat(french).contains("123456XX");
        assertThat(german).contains("123456XX");
    }

    @Test
    void aLanguageItDoesNotHaveFallsBackToFrench() throws Exception {
        Document xml = Corpus.document(Corpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));

        assertThat(text(RENDERER.render(xml, UBL, Locale.ITALIAN)))
                .isEqualTo(text(RENDERER.render(xml, UBL, Locale.FRENCH)));
        assertThat(InvoiceVisualization.language(null)).isEqualTo("fr");
        assertThat(InvoiceVisualization.language(Locale.forLanguageTag("de-AT"))).isEqualTo("de");
    }

    @Test
    void rendersACreditNoteWithItsOwnLayout() throws Exception {
        Document xml =
                Corpus.document(Corpus.folder("ubl").resolve("UBL-CreditNote-2.1-Example.ubl.xml"));

        String text = text(RENDERER.render(xml, UBL, Locale.ENGLISH));

        assertThat(text).contains(declared(xml, NUMBER));
    }

    @Test
    void rendersFromSeveralThreadsAtOnce() throws Exception {
        List<Path> files =
                List.of(
                        Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"),
                        Corpus.folder("ubl").resolve("01.02a-INVOICE_ubl.xml"),
                        Corpus.folder("ubl").resolve("ubl-creditnote.xml"),
                        Corpus.folder("cii").resolve("factur-x-extended.xml"));
        ExecutorService pool = Executors.newFixedThreadPool(files.size());
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (Path file : files) {
                Document xml = Corpus.document(file);
                texts.add(
                        pool.submit(
                                () ->
                                        text(
                                                RENDERER.render(
                                                        xml, syntaxByRoot(xml), Locale.GERMAN))));
            }
            for (int i = 0; i < files.size(); i++) {
                assertThat(texts.get(i).get())
                        .contains(words(declared(Corpus.document(files.get(i)), NUMBER)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void saysWhichSyntaxesItRenders() {
        assertThat(RENDERER.renders(CII)).isTrue();
        assertThat(RENDERER.renders(UBL)).isTrue();
        assertThat(RENDERER.renders(new Syntax("FACTUR_X", "urn:factur-x.eu:1p0:basic"))).isTrue();
        assertThat(RENDERER.renders(new Syntax("ZUGFERD_1", ""))).isFalse();
        assertThat(RENDERER.renders(new Syntax("EDIFACT", ""))).isFalse();
        assertThat(RENDERER.renders(null)).isFalse();
        assertThat(RENDERER.renders(new Syntax(null, ""))).isFalse();
    }

    @Test
    void refusesASyntaxItDoesNotRender() {
        Document xml = Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        assertThatThrownBy(() -> RENDERER.render(xml, new Syntax("ZUGFERD_1", ""), Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("ZUGFERD_1");
    }

    @Test
    void refusesXmlThatIsNoInvoice() {
        Document xml = xml("<order xmlns=\"urn:example\"><id>1</id></order>");

        assertThatThrownBy(() -> RENDERER.render(xml, CII, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("order");
    }

    @Test
    void refusesAPdfAndBytesThatAreNotXml() {
        Document pdf =
                new Document("a.pdf", null, "%PDF-1.7\n%%EOF".getBytes(StandardCharsets.UTF_8));
        Document random = new Document("a.xml", null, new byte[] {1, 2, 3, (byte) 0xff});

        assertThatThrownBy(() -> RENDERER.render(pdf, CII, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class);
        assertThatThrownBy(() -> RENDERER.render(random, CII, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class);
    }

    @Test
    void refusesTruncatedXml() throws IOException {
        byte[] whole =
                Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"))
                        .content();
        Document truncated =
                new Document("t.xml", null, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> RENDERER.render(truncated, CII, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("well-formed");
    }

    @Test
    void refusesADoctypeWithAnExternalEntity() {
        Document hostile =
                xml(
                        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                + "<rsm:CrossIndustryInvoice xmlns:rsm=\""
                                + CiiInvoiceMapper.CII_NAMESPACE
                                + "\">&x;</rsm:CrossIndustryInvoice>");

        assertThatThrownBy(() -> RENDERER.render(hostile, CII, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesXmlLargerThanTheBound() {
        byte[] large = new byte[MustangRenderer.MAX_XML_BYTES + 1];
        byte[] head =
                ("<rsm:CrossIndustryInvoice xmlns:rsm=\"" + CiiInvoiceMapper.CII_NAMESPACE + "\">")
                        .getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, large, 0, head.length);
        java.util.Arrays.fill(large, head.length, large.length, (byte) ' ');

        assertThatThrownBy(() -> RENDERER.render(new Document("big.xml", null, large), CII, null))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("too large");
    }

    // --- oracles independent of the renderer and of the readers

    private static final String NUMBER =
            "(/*[local-name()='CrossIndustryInvoice']/*[local-name()='ExchangedDocument']/*[local-name()='ID']"
                    + " | /*[local-name()='Invoice' or local-name()='CreditNote']/*[local-name()='ID'])";
    private static final String SELLER =
            "(//*[local-name()='SellerTradeParty']/*[local-name()='Name']"
                    + " | //*[local-name()='AccountingSupplierParty']//*[local-name()='PartyLegalEntity']"
                    + "/*[local-name()='RegistrationName'])";

    /** What the XML declares at that path (BT-1 number, BT-27 seller name). */
    private static String declared(Document xml, String path) throws Exception {
        org.w3c.dom.Document dom = io.facteur.api.xml.SafeXml.parse(xml.content());
        String value = XPathFactory.newInstance().newXPath().evaluate(path, dom).strip();
        assertThat(value).as("%s in %s", path, xml.fileName()).isNotEmpty();
        return value;
    }

    private static Syntax syntaxByRoot(Document xml) {
        return "CrossIndustryInvoice".equals(Corpus.rootName(xml)) ? CII : UBL;
    }

    private static String text(Document pdf) throws IOException {
        try (PDDocument opened = Loader.loadPDF(pdf.content())) {
            return words(new PDFTextStripper().getText(opened));
        }
    }

    /** Text with every run of white space as one space: a name may wrap at a space. */
    private static String words(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static Document xml(String text) {
        return new Document("x.xml", null, text.getBytes(StandardCharsets.UTF_8));
    }
}
