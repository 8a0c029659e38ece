package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/** Sends an invoice to its customer (e-mail, post, ...) and reports what became of it. */
@ConsumerType
public interface DeliveryChannel {
    /**
     * Sends one document; calling again with the same delivery id must not send twice.
     *
     * @param deliveryId idempotency key of this delivery
     * @param dossier the dossier id
     * @param document what to send
     * @param invoice the invoice it carries
     * @param settings the dossier's settings of this capability
     */
    DeliveryOutcome send(
            String deliveryId,
            String dossier,
            Document document,
            Invoice invoice,
            Map<String, Object> settings);

    /**
     * What became of a delivery.
     *
     * @param status the new status
     * @param detail for the timeline (message id, bounce reason, print job id)
     */
    record DeliveryOutcome(Status status, String detail) {}

    /** Delivery statuses. */
    enum Status {
        SENT,
        DELIVERED,
        BOUNCED,
        FAILED
    }
}
