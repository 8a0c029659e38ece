package io.facteur.export.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import io.facteur.api.ExportConnector.Export;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The file name and ids as they go into headers. */
class RequestsTest {
    private static Export named(String fileName, String number) {
        return new Export(
                "k",
                "acme",
                "erp",
                "inv-1",
                Exports.invoice(number),
                new Document(fileName, "application/xml", new byte[] {1}),
                "UBL",
                "xml",
                Map.of());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "F-2026-0042.xml | F-1 | attachment; filename=\"F-2026-0042.xml\"",
                "../../etc/passwd | F-1 | attachment; filename=\"passwd\"",
                "C:\\tmp\\a b.xml | F-1 | attachment; filename=\"a_b.xml\"; filename*=UTF-8''a%20b.xml",
                "Facture é\"1\".xml | F-1 | attachment; filename=\"Facture___1_.xml\";"
                        + " filename*=UTF-8''Facture%20%C3%A9%221%22.xml",
                "~~ | F/2026 1 | attachment; filename=\"2026_1.xml\";"
                        + " filename*=UTF-8''2026%201.xml",
                "~~ | ~~ | attachment; filename=\"invoice.xml\"",
                "..hidden | F-1 | attachment; filename=\"_hidden\"; filename*=UTF-8''..hidden"
            })
    void contentDisposition(String fileName, String number, String expected) {
        String header = Requests.disposition(named(fileName, number));
        assertThat(header).isEqualTo(expected);
        assertThat(header).doesNotContain("\r", "\n");
    }

    @Test
    void controlCharactersNeverReachAHeader() {
        assertThat(Requests.disposition(named("a\r\nSet-Cookie: x.xml", "F-1")))
                .isEqualTo(
                        "attachment; filename=\"aSet-Cookie__x.xml\";"
                                + " filename*=UTF-8''aSet-Cookie%3A%20x.xml");
        assertThat(Requests.opaque("inv 1\r\n%é")).isEqualTo("inv%201%0D%0A%25%C3%A9");
        assertThat(Requests.opaque("0190a8f2-7c1e-7b3a-9e11-2f3c4d5e6f70"))
                .isEqualTo("0190a8f2-7c1e-7b3a-9e11-2f3c4d5e6f70");
    }
}
