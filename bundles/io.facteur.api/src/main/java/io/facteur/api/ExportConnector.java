package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An endpoint kind (SFTP, HTTP) that receives a dossier's invoices. Registered with the {@link
 * Capability} properties, kind {@link CapabilityKind#EXPORT_CONNECTOR}, and a {@link
 * Capability#SETTINGS_PID} naming the Metatype factory PID of its connection settings.
 *
 * <p>The core keeps each connector of a dossier as a factory configuration of that PID (named
 * {@code <pid>~<dossier>.<connector>}, with {@code dossier} and {@code connector} properties), so
 * the web console shows and edits it. Every attribute of the Metatype is a connection field: when
 * one changes, by REST or in the console, the connector needs a new successful {@link #test} before
 * it exports again. What it exports (documents, statuses, format) the core keeps itself.
 *
 * <p>The core runs each export as a job, at least once: a retry after a crash or a transient
 * failure calls {@link #send} again with the same {@link Export#key()}, and the receiver must end
 * up with one copy (a fixed remote name replaced atomically, an {@code Idempotency-Key} header).
 */
@ConsumerType
public interface ExportConnector {
    /**
     * Checks the endpoint with the given settings, as an export would use it, without leaving an
     * invoice behind (a probe file written and removed, a documented probe request).
     *
     * @param settings the connection settings, secrets included
     * @param locale the language of the admin, for {@link ConnectionTest#message()}
     * @return the outcome; never throws for a failing endpoint
     */
    ConnectionTest test(Map<String, Object> settings, Locale locale);

    /**
     * Sends one document.
     *
     * @return a detail for the timeline (the remote path, the HTTP status)
     * @throws ExportException when the endpoint refused or could not be reached; {@link
     *     ExportException#transientFailure()} says whether the core retries (with backoff) or stops
     *     with the reason
     */
    String send(Export export) throws ExportException;

    /**
     * One export of one document to one connector.
     *
     * @param key stable id of this export, the same on every retry: the idempotency key
     * @param dossier the dossier id
     * @param connector the connector's id within the dossier
     * @param invoiceId the invoice id
     * @param invoice the invoice as read (number, date, seller for file names)
     * @param document the file to send, in the chosen format
     * @param format the format id ({@code original}, or an {@link InvoiceWriter#syntax()})
     * @param extension the file extension of that format, without dot ({@code pdf}, {@code xml})
     * @param settings the connection settings, secrets included
     */
    record Export(
            String key,
            String dossier,
            String connector,
            String invoiceId,
            Invoice invoice,
            Document document,
            String format,
            String extension,
            Map<String, Object> settings) {
        public Export {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(invoice, "invoice");
            Objects.requireNonNull(document, "document");
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }
}
