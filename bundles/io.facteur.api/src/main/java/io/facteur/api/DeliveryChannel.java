package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.PostalAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends an invoice to its customer by one means (e-mail, post, ...). Registered with the {@link
 * Capability} properties, kind {@link CapabilityKind#DELIVERY_CHANNEL}; the core finds channels by
 * their capability id ({@code delivery.mail}, {@code delivery.postal}).
 *
 * <p>The core runs each delivery as a job: it records the attempt before it calls {@link #send} and
 * the receipt after. A delivery whose attempt was recorded but whose receipt was not (a crash in
 * between) is never sent again by the core: it is reported as uncertain for a user to decide.
 * Channels report later news (a bounce, a delivery notice) through {@link DeliveryReports}.
 */
@ConsumerType
public interface DeliveryChannel {
    /**
     * Service property ({@code Boolean}): a channel that costs or is slow (the post) is used only
     * when a user or the customer's preference names it, and as the fallback after a bounce; never
     * chosen on its own for a first send.
     */
    String FALLBACK = "facteur.delivery.fallback";

    /**
     * Sends one delivery.
     *
     * @return what became of it
     * @throws DeliveryException when it was not sent; {@link DeliveryException#transientFailure()}
     *     says whether the core retries it (with backoff) or fails it with the reason
     */
    Receipt send(Delivery delivery) throws DeliveryException;

    /**
     * Whether this channel can reach the recipient at all: an e-mail channel needs an e-mail
     * address, the post a complete postal address. When a user names no channel, the core sends by
     * the first installed channel (highest {@code service.ranking} first) that reaches the customer
     * (leaving out {@link #FALLBACK} channels), and after a bounce by the next one.
     */
    default boolean reaches(Recipient recipient) {
        return true;
    }

    /**
     * One delivery of one invoice to one customer.
     *
     * @param deliveryId unique id of this delivery (a resend is another delivery)
     * @param dossier the dossier id
     * @param invoiceId the invoice id
     * @param invoice the invoice as read
     * @param documents what to send: the invoice's file first (the original, or the customer's
     *     form), then readable companions (a PDF rendering of an XML invoice); never empty
     * @param recipient who receives it
     * @param language ISO 639-1 language of the message (fr, en, de)
     * @param sender the dossier as the customer knows it (its display name)
     * @param settings the dossier's settings of this channel, empty when it has none
     */
    record Delivery(
            String deliveryId,
            String dossier,
            String invoiceId,
            Invoice invoice,
            List<Document> documents,
            Recipient recipient,
            String language,
            String sender,
            Map<String, Object> settings) {
        public Delivery {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(invoice, "invoice");
            documents = List.copyOf(documents);
            if (documents.isEmpty()) {
                throw new IllegalArgumentException("a delivery carries at least one document");
            }
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }

    /**
     * The customer as the directory knows it.
     *
     * @param name the customer's name
     * @param emails e-mail addresses, may be empty
     * @param address postal address, null when unknown
     */
    record Recipient(String name, List<String> emails, PostalAddress address) {
        public Recipient {
            name = name == null ? "" : name;
            emails = emails == null ? List.of() : List.copyOf(emails);
        }
    }

    /**
     * What became of a send.
     *
     * @param status where the delivery stands now
     * @param reference the channel's own id of what it sent (Message-ID, print job), by which later
     *     reports name the delivery; may be empty
     * @param detail for the timeline (the address, the print job), may be empty
     */
    record Receipt(Status status, String reference, String detail) {
        public Receipt {
            Objects.requireNonNull(status, "status");
            reference = reference == null ? "" : reference;
            detail = detail == null ? "" : detail;
        }
    }

    /** Where a delivery stands after a send. */
    enum Status {
        /** Handed over (to the mail server): a bounce may still follow. */
        SENT,
        /** Known to be received. */
        DELIVERED,
        /** Handed to the print service for postal mail. */
        POSTED
    }
}
