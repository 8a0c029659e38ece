package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.UnreadableInvoiceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostileInputTest {

    private static final String CII_HEAD =
            "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
                    + " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\">"
                    + "<rsm:ExchangedDocument><ram:ID>&x;</ram:ID></rsm:ExchangedDocument>"
                    + "</rsm:CrossIndustryInvoice>";

    private final FacturXReader pdfReader = new FacturXReader();
    private final CiiReader ciiReader = new CiiReader();

    static List<Path> badFiles() {
        return Corpus.files("bad");
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badCorpusFilesAreNotDetectedOrRefusedWithAReason(Path file) {
        Document document = Corpus.document(file);
        for (InvoiceReader reader : List.of(pdfReader, ciiReader)) {
            if (reader.detect(document).isPresent()) {
                assertThatThrownBy(() -> reader.read(document))
                        .isInstanceOf(UnreadableInvoiceException.class)
                        .hasMessageNotContaining("Exception");
            } else {
                assertThatThrownBy(() -> reader.read(document))
                        .isInstanceOf(UnreadableInvoiceException.class)
                        .message()
                        .isNotBlank();
            }
        }
    }

    @Test
    void anUnknownProfileIsRefused() {
        Document document = Corpus.document(Corpus.folder("bad").resolve("XMLinvalidV2PDF.pdf"));

        assertThatThrownBy(() -> pdfReader.read(document))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not a Factur-X / ZUGFeRD profile");
    }

    @Test
    void aPlainPdfIsRefusedWithTheReason() {
        Document plain =
                Corpus.document(
                        Corpus.folder("bad")
                                .resolve("MustangGnuaccountingBeispielRE-20201121_508blanko.pdf"));

        assertThat(pdfReader.detect(plain)).isEmpty();
        assertThatThrownBy(() -> pdfReader.read(plain))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("no embedded invoice XML");
    }

    static Stream<Arguments> hostile() throws Exception {
        byte[] pdf = Corpus.document(Corpus.folder("pdf").resolve("EN16931_Einfach.pdf")).content();
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("random bytes", random),
                Arguments.of("truncated PDF", Arrays.copyOf(pdf, 1000)),
                Arguments.of("PDF magic only", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of(
                        "external entity",
                        xml("<!DOCTYPE x [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")),
                Arguments.of("billion laughs", xml(billionLaughs())),
                Arguments.of("truncated XML", Arrays.copyOf(xml(""), 200)),
                Arguments.of("not XML", "hello, I am an invoice".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileInputIsNeverDetectedAndAlwaysRefused(String what, byte[] content) {
        Document document = new Document("invoice.xml", "application/xml", content);
        for (InvoiceReader reader : List.of(pdfReader, ciiReader)) {
            assertThat(reader.detect(document)).as(what).isEmpty();
            assertThatThrownBy(() -> reader.read(document))
                    .as(what)
                    .isInstanceOf(UnreadableInvoiceException.class)
                    .message()
                    .isNotBlank();
        }
    }

    @Test
    void anExternalEntityIsRefusedAsADoctype() {
        Document document =
                new Document(
                        "x.xml",
                        null,
                        xml("<!DOCTYPE x [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"));

        assertThatThrownBy(() -> ciiReader.read(document))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("root:");
    }

    @Test
    void aPdfThatClaimsToBeXmlIsLeftToThePdfReader() throws Exception {
        Document pdf = Corpus.document(Corpus.folder("pdf").resolve("EN16931_Einfach.pdf"));
        Document claimed = new Document("invoice.xml", "application/xml", pdf.content());

        assertThat(ciiReader.detect(claimed)).isEmpty();
        assertThatThrownBy(() -> ciiReader.read(claimed))
                .isInstanceOf(UnreadableInvoiceException.class);
        assertThat(pdfReader.detect(claimed)).isPresent();
        assertThat(pdfReader.read(claimed).number()).isNotBlank();
    }

    private static byte[] xml(String doctype) {
        return ("<?xml version=\"1.0\"?>" + doctype + CII_HEAD).getBytes(StandardCharsets.UTF_8);
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE x [<!ENTITY l0 \"ha\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"");
            dtd.append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("<!ENTITY x \"&l10;\">]>").toString();
    }
}
