package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.invoice.Invoice;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CiiReaderTest {

    private final CiiReader reader = new CiiReader();

    static List<Path> ciiFiles() {
        return Corpus.files("cii");
    }

    @ParameterizedTest
    @MethodSource("ciiFiles")
    void detectsAndReadsEveryCorpusFile(Path file) throws Exception {
        Document document = Corpus.document(file);
        if (!"CrossIndustryInvoice".equals(Corpus.rootName(document))) {
            // a UBL document filed among the CII samples: by content, it is not CII
            assertThat(reader.detect(document)).isEmpty();
            return;
        }

        assertThat(reader.detect(document)).get().extracting(Syntax::syntax).isEqualTo("CII");
        Invoice invoice = reader.read(document);

        assertThat(invoice.number()).isNotBlank();
        assertThat(invoice.currency()).hasSize(3);
        assertThat(invoice.totals().payable()).isNotNull();
        assertThat(invoice.seller().name()).isNotBlank();
    }

    @Test
    void readsWhatTheXRechnungCaseDeclares() throws Exception {
        Document document =
                Corpus.document(Corpus.folder("cii").resolve("01.01a-INVOICE_uncefact.xml"));

        Invoice invoice = reader.read(document);

        assertThat(reader.detect(document).orElseThrow().profile())
                .isEqualTo("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0");
        assertThat(invoice.number()).isEqualTo("123456XX");
        assertThat(invoice.issueDate()).isEqualTo(LocalDate.of(2016, 4, 4));
        assertThat(invoice.typeCode()).isEqualTo("380");
        assertThat(invoice.currency()).isEqualTo("EUR");
        assertThat(invoice.specification()).startsWith("urn:cen.eu:en16931:2017");
        assertThat(invoice.totals().taxTotal()).isEqualByComparingTo("22.04");
        assertThat(invoice.seller().address().countryCode()).isEqualTo("DE");
        assertThat(invoice.lines()).isNotEmpty();
        assertThat(invoice.vatBreakdown()).isNotEmpty();
    }

    @Test
    void readsDeclaredTotalsWhereMustangsImporterThrows() throws Exception {
        for (String name : List.of("03.01a-INVOICE_uncefact.xml", "01.04a-INVOICE_uncefact.xml")) {
            Invoice invoice = reader.read(Corpus.document(Corpus.folder("cii").resolve(name)));

            assertThat(invoice.totals().payable()).as(name).isNotNull();
            assertThat(invoice.totals().taxInclusive())
                    .as(name)
                    .isGreaterThanOrEqualTo(BigDecimal.ZERO);
        }
    }
}
