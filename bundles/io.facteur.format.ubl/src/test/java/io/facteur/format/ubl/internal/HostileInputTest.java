package io.facteur.format.ubl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Document;
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

    private static final String UBL_HEAD =
            "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""
                    + " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">"
                    + "<cbc:ID>&x;</cbc:ID></Invoice>";

    private final UblReader reader = new UblReader();

    static List<Path> badFiles() {
        return Corpus.files("bad");
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badCorpusFilesAreNotDetectedOrRefusedWithAReason(Path file) {
        Document document = Corpus.document(file);
        {
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
        {
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

        assertThatThrownBy(() -> reader.read(document))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("root:");
    }

    @Test
    void aPdfThatClaimsToBeXmlIsRefused() {
        Document pdf = Corpus.document(Corpus.folder("pdf").resolve("EN16931_Einfach.pdf"));
        Document claimed = new Document("invoice.xml", "application/xml", pdf.content());

        assertThat(reader.detect(claimed)).isEmpty();
        assertThatThrownBy(() -> reader.read(claimed))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not well-formed XML");
    }

    @Test
    void aCiiInvoiceIsNotUbl() {
        Document cii = Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        assertThat(reader.detect(cii)).isEmpty();
        assertThatThrownBy(() -> reader.read(cii))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not a UBL 2.1 Invoice or CreditNote");
    }

    private static byte[] xml(String doctype) {
        return ("<?xml version=\"1.0\"?>" + doctype + UBL_HEAD).getBytes(StandardCharsets.UTF_8);
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
