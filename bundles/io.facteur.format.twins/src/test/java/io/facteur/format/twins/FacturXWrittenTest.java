package io.facteur.format.twins;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.invoice.Invoice;
import io.facteur.format.mustang.internal.CiiReader;
import io.facteur.format.mustang.internal.FacturXReader;
import io.facteur.format.mustang.internal.FacturXWriter;
import io.facteur.format.mustang.internal.InvoiceVisualization;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CII to Factur-X, as the core checks a written file: the PDF, read back with the Factur-X reader,
 * has the business terms of the CII, and carries the CII byte for byte.
 */
class FacturXWrittenTest {

    /** One writer for the class: its stylesheets are compiled once, as in a running bundle. */
    private static final InvoiceWriter WRITER = new FacturXWriter(new InvoiceVisualization());

    private final CiiReader ciiReader = new CiiReader();
    private final FacturXReader facturXReader = new FacturXReader();

    static Stream<Path> ciiFiles() {
        return Stream.of("cii", "ubl")
                .flatMap(folder -> Corpus.files(folder).stream())
                .filter(f -> Corpus.rootName(Corpus.document(f)).equals("CrossIndustryInvoice"));
    }

    @ParameterizedTest
    @MethodSource("ciiFiles")
    void ciiWrittenAsFacturXReadsBackToTheSameInvoice(Path file) throws Exception {
        Document cii = Corpus.document(file);
        Invoice source = ciiReader.read(cii);

        Document pdf = WRITER.write(cii, "CII", source, Locale.GERMAN);

        assertThat(facturXReader.detect(pdf).orElseThrow().syntax()).isEqualTo("FACTUR_X");
        assertThat(facturXReader.invoiceXml(pdf).orElseThrow()).isEqualTo(cii.content());
        Invoice written = facturXReader.read(pdf);
        assertThat(InvoiceDifferences.between(source, written)).as(file.toString()).isEmpty();
        assertThat(EveryTermDifferences.between(source, written)).as(file.toString()).isEmpty();
    }
}
