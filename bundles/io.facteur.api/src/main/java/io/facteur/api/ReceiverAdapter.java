package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Produces the file type and tags a receiver (a country, a platform, a customer) requires, without
 * changing any business term of the invoice.
 */
@ConsumerType
public interface ReceiverAdapter {
    /**
     * Whether the adapter applies to this receiver.
     *
     * @param countryCode ISO 3166-1 alpha-2 of the receiver
     * @param invoice the invoice
     */
    boolean appliesTo(String countryCode, Invoice invoice);

    /** Adapts the document; the result must read back to the same business terms. */
    Document adapt(Document document, Invoice invoice) throws UnreadableInvoiceException;
}
