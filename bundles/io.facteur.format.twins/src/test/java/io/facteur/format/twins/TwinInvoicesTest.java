package io.facteur.format.twins;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.invoice.Invoice;
import io.facteur.format.mustang.internal.CiiReader;
import io.facteur.format.ubl.internal.UblReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The XRechnung business cases carry the same invoice in UBL ({@code NN.NNa-INVOICE_ubl.xml}) and
 * in CII ({@code NN.NNa-INVOICE_uncefact.xml}): both readers must map them to the same invoice.
 */
class TwinInvoicesTest {

    /**
     * Where the two files of a business case really declare different values (checked by hand in
     * the XML): the readers must report exactly these differences, and no other.
     */
    private static final Map<String, List<String>> CORPUS_ERRATA =
            Map.of(
                    "01.21a", List.of("seller VAT id: DE 123456789 <> DE152338654"),
                    "02.03a", List.of("seller legal registration id: 2065964148418 <> 123456789"));

    private final UblReader ubl = new UblReader();
    private final CiiReader cii = new CiiReader();

    static Stream<Arguments> twins() {
        return Corpus.files("ubl").stream()
                .filter(f -> f.getFileName().toString().endsWith("-INVOICE_ubl.xml"))
                .map(f -> Arguments.of(caseName(f), f, twinOf(f)))
                .filter(a -> Files.isRegularFile((Path) a.get()[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twins")
    void bothSyntaxesReadToTheSameInvoice(String businessCase, Path ublFile, Path ciiFile)
            throws Exception {
        Invoice fromUbl = ubl.read(Corpus.document(ublFile));
        Invoice fromCii = cii.read(Corpus.document(ciiFile));

        List<String> differences = InvoiceDifferences.between(fromUbl, fromCii);

        assertThat(differences)
                .as(businessCase + ": UBL <> CII")
                .isEqualTo(CORPUS_ERRATA.getOrDefault(businessCase, List.of()));
        assertThat(fromUbl.lines()).as(businessCase).isNotEmpty();
    }

    @Test
    void theCorpusHoldsTwins() {
        assertThat(twins().count()).isGreaterThanOrEqualTo(30);
    }

    private static String caseName(Path ublFile) {
        return ublFile.getFileName().toString().replace("-INVOICE_ubl.xml", "");
    }

    private static Path twinOf(Path ublFile) {
        return Corpus.folder("cii").resolve(caseName(ublFile) + "-INVOICE_uncefact.xml");
    }
}
