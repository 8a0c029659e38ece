package io.facteur.format.ubl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.invoice.Invoice;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UblReaderTest {

    private final UblReader reader = new UblReader();

    /** Every XML sample: the UBL folder, and the CII folder, which also holds a UBL invoice. */
    static Stream<Path> xmlFiles() {
        return Stream.concat(Corpus.files("ubl").stream(), Corpus.files("cii").stream());
    }

    @ParameterizedTest
    @MethodSource("xmlFiles")
    void detectsByContentAndReadsEveryUblSample(Path file) throws Exception {
        Document document = Corpus.document(file);
        String root = Corpus.rootName(document);
        if (!List.of("Invoice", "CreditNote").contains(root)) {
            assertThat(reader.detect(document)).isEmpty();
            return;
        }

        assertThat(reader.detect(document)).get().extracting(Syntax::syntax).isEqualTo("UBL");
        Invoice invoice = reader.read(document);

        assertThat(invoice.number()).isNotBlank();
        assertThat(invoice.currency()).hasSize(3);
        assertThat(invoice.totals().payable()).isNotNull();
        assertThat(invoice.seller().name()).isNotBlank();
        assertThat(invoice.lines()).isNotEmpty();
        if (root.equals("CreditNote")) {
            assertThat(invoice.isCreditNote()).isTrue();
        }
    }

    @Test
    void readsWhatTheXRechnungCaseDeclares() throws Exception {
        Document document = Corpus.document(Corpus.folder("ubl").resolve("01.01a-INVOICE_ubl.xml"));

        Invoice invoice = reader.read(document);

        assertThat(reader.detect(document).orElseThrow())
                .isEqualTo(
                        new Syntax(
                                "UBL",
                                "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"));
        assertThat(invoice.number()).isEqualTo("123456XX");
        assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2016, 4, 4));
        assertThat(invoice.typeCode()).isEqualTo("380");
        assertThat(invoice.totals().taxTotal()).isEqualByComparingTo("22.04");
        assertThat(invoice.seller().address().countryCode()).isEqualTo("DE");
    }

    @Test
    void readsCreditNotes() throws Exception {
        for (String name : List.of("ubl-creditnote.xml", "UBL-CreditNote-2.1-Example.ubl.xml")) {
            Invoice invoice = reader.read(Corpus.document(Corpus.folder("ubl").resolve(name)));

            assertThat(invoice.typeCode()).as(name).isEqualTo("381");
            assertThat(invoice.isCreditNote()).as(name).isTrue();
            assertThat(invoice.totals().payable()).as(name).isNotNull();
        }
    }
}
