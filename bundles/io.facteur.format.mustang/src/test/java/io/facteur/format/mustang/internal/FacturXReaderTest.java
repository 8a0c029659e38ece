package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.invoice.Invoice;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FacturXReaderTest {

    private final FacturXReader reader = new FacturXReader();

    static List<Path> pdfFiles() {
        return Corpus.files("pdf");
    }

    @ParameterizedTest
    @MethodSource("pdfFiles")
    void detectsAndReadsEveryCorpusPdf(Path file) throws Exception {
        Document document = Corpus.document(file);

        Syntax syntax = reader.detect(document).orElseThrow();
        Invoice invoice = reader.read(document);

        assertThat(syntax.syntax()).isIn("FACTUR_X", "ZUGFERD_1");
        assertThat(syntax.profile()).isEqualTo(invoice.specification()).isNotBlank();
        assertThat(invoice.number()).isNotBlank();
        assertThat(invoice.totals().payable()).isNotNull();
        assertThat(invoice.seller().name()).isNotBlank();
    }

    @Test
    void tellsZugferd1FromFacturX() throws Exception {
        Document zugferd1 = pdf("MustangGnuaccountingBeispielRE-20170509_505.pdf");
        Document facturX = pdf("EN16931_Einfach.pdf");

        assertThat(reader.detect(zugferd1).orElseThrow().syntax()).isEqualTo("ZUGFERD_1");
        assertThat(reader.detect(facturX).orElseThrow())
                .isEqualTo(new Syntax("FACTUR_X", "urn:cen.eu:en16931:2017"));
        assertThat(reader.read(zugferd1).lines()).isNotEmpty();
        assertThat(reader.read(zugferd1).totals().payable()).isPositive();
    }

    @Test
    void readsTheDeclaredTotalOfAPartialInvoice() throws Exception {
        Invoice invoice = reader.read(pdf("EN16931_1_Teilrechnung.pdf"));

        assertThat(invoice.totals().payable()).isNotNull();
        assertThat(invoice.totals().taxInclusive()).isNotNull();
    }

    @Test
    void leavesPlainXmlToTheCiiReader() {
        Document cii = Corpus.document(Corpus.folder("cii").resolve("factur-x.xml"));

        assertThat(reader.detect(new Document("invoice.pdf", "application/pdf", cii.content())))
                .isEmpty();
    }

    private static Document pdf(String name) {
        return Corpus.document(Corpus.folder("pdf").resolve(name));
    }
}
