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
 * What was derived from a document (the semantic invoice and the validation report as JSON, the PDF
 * views of invoice XML), kept beside the documents: it can always be derived again from the
 * original, which stays untouched.
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

    /**
     * A PDF view of a document kept by {@link #saveRendering}.
     *
     * @param sha256 the hex SHA-256 of the original document
     * @param language the language of its labels ({@code fr}, {@code en}, ...)
     */
    public Optional<byte[]> rendering(String sha256, String language) throws IOException {
        Path file = renderingFolder(sha256).resolve(renderingName(language));
        return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    /** Keeps a PDF view of a document, replacing one kept before. */
    public void saveRendering(String sha256, String language, byte[] pdf) throws IOException {
        Path dir = Files.createDirectories(renderingFolder(sha256));
        String name = renderingName(language);
        Path tmp = Files.createTempFile(dir, name, ".tmp");
        try {
            Files.write(tmp, pdf);
            Files.move(
                    tmp,
                    dir.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renderings are per document, not per invoice: '_' is never part of an invoice id. */
    private Path renderingFolder(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        return root.resolve("_renderings").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static String renderingName(String language) {
        if (!language.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("Not a language: " + language);
        }
        return language + ".pdf";
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
