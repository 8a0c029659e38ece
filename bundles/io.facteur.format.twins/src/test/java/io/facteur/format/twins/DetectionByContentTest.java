package io.facteur.format.twins;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.format.mustang.internal.CiiReader;
import io.facteur.format.mustang.internal.FacturXReader;
import io.facteur.format.ubl.internal.UblReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every good corpus file is claimed by exactly one reader, by content, under a neutral name. */
class DetectionByContentTest {

    private final List<InvoiceReader> readers =
            List.of(new FacturXReader(), new CiiReader(), new UblReader());

    static Stream<Path> goodFiles() {
        return Stream.of("pdf", "cii", "ubl").flatMap(folder -> Corpus.files(folder).stream());
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void exactlyOneReaderClaimsTheFileAndReadsIt(Path file) throws Exception {
        Document named = Corpus.document(file);
        Document anonymous = new Document("upload.bin", null, named.content());

        List<InvoiceReader> claiming =
                readers.stream().filter(r -> r.detect(anonymous).isPresent()).toList();

        assertThat(claiming).hasSize(1);
        Optional<Syntax> syntax = claiming.get(0).detect(anonymous);
        assertThat(syntax.orElseThrow().syntax()).isIn(expectedSyntaxes(named));
        assertThat(claiming.get(0).read(anonymous).number()).isNotBlank();
    }

    private static List<String> expectedSyntaxes(Document document) {
        String root = Corpus.rootName(document);
        if (new String(document.content(), 0, 5).equals("%PDF-")) {
            return List.of("FACTUR_X", "ZUGFERD_1");
        }
        return switch (root) {
            case "CrossIndustryInvoice" -> List.of("CII");
            case "Invoice", "CreditNote" -> List.of("UBL");
            default -> List.of();
        };
    }
}
