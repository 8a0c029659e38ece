package io.facteur.core.internal.inbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.facteur.api.ValidationReport;
import io.facteur.api.invoice.Invoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What the pipeline derived from a document (the semantic invoice, the validation report), kept as
 * JSON beside the documents: it can always be derived again from the original, which stays
 * untouched.
 */
public final class DerivedStore {
    private final Path root;
    private final ObjectMapper json =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    // derived getters such as Invoice.isCreditNote() are written but have no
                    // record component to read them back into
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public DerivedStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    public void saveInvoice(String invoiceId, Invoice invoice) throws IOException {
        write(invoiceId, "invoice.json", invoice);
    }

    public Optional<Invoice> invoice(String invoiceId) throws IOException {
        return read(invoiceId, "invoice.json", Invoice.class);
    }

    public void saveReport(String invoiceId, ValidationReport report) throws IOException {
        write(invoiceId, "validation.json", report);
    }

    public Optional<ValidationReport> report(String invoiceId) throws IOException {
        return read(invoiceId, "validation.json", ValidationReport.class);
    }

    private void write(String id, String name, Object value) throws IOException {
        Path dir = Files.createDirectories(root.resolve(safe(id)));
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try {
            json.writeValue(tmp.toFile(), value);
            Files.move(
                    tmp,
                    dir.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private <T> Optional<T> read(String id, String name, Class<T> type) throws IOException {
        Path file = root.resolve(safe(id)).resolve(name);
        return Files.exists(file)
                ? Optional.of(json.readValue(file.toFile(), type))
                : Optional.empty();
    }

    private static String safe(String id) {
        if (!id.matches("[A-Za-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("Not an invoice id: " + id);
        }
        return id;
    }
}
