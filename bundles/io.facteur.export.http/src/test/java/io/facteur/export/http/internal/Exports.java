package io.facteur.export.http.internal;

import io.facteur.api.Document;
import io.facteur.api.ExportConnector.Export;
import io.facteur.api.invoice.Invoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Exports and settings as the core makes them, with corpus documents. */
final class Exports {
    private Exports() {}

    static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/corpus not found above " + Path.of(""));
    }

    static Document cii(String name) {
        try {
            return new Document(
                    name, "application/xml", Files.readAllBytes(corpus().resolve("cii/" + name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Invoice invoice(String number) {
        return new Invoice(
                number,
                LocalDate.of(2026, 11, 28),
                "380",
                "EUR",
                null,
                "",
                "",
                null,
                null,
                List.of(),
                List.of(),
                null);
    }

    /** Settings for a local receiver: private targets and http allowed. */
    static Map<String, Object> local(String url) {
        Map<String, Object> s = new HashMap<>();
        s.put("dossier", "acme");
        s.put("connector", "erp");
        s.put("url", url);
        s.put("allowHttp", Boolean.TRUE);
        s.put("allowPrivateTargets", Boolean.TRUE);
        s.put("timeoutSeconds", 5);
        return s;
    }

    static Export export(String key, Document document, String format, Map<String, Object> s) {
        return new Export(
                key, "acme", "erp", "inv-" + key, invoice("F-" + key), document, format, "xml", s);
    }
}
