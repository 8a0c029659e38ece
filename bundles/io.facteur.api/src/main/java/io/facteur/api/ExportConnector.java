package io.facteur.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/** An endpoint (SFTP, HTTP) that receives a dossier's invoices: tested first, then sent to. */
@ConsumerType
public interface ExportConnector {
    /** Checks the endpoint with the given settings without sending an invoice. */
    ConnectionTest test(Map<String, Object> settings);

    /**
     * Sends one document; the same idempotency key twice must not give two files at the receiver.
     *
     * @param settings the connector's settings
     * @param document what to send
     * @param idempotencyKey stable key of this export
     * @return a detail for the timeline (remote path, HTTP status)
     * @throws ExportException when the endpoint refused or could not be reached
     */
    String send(Map<String, Object> settings, Document document, String idempotencyKey)
            throws ExportException;
}
