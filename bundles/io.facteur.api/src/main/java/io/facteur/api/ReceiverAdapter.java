package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Gives an invoice the form a receiver requires: a country's CIUS (XRechnung, the French reform's
 * rules), a network's (Peppol BIS), the tags it needs. Registered with the {@link Capability}
 * properties, kind {@link CapabilityKind#RECEIVER_ADAPTER}; one bundle and Karaf feature per
 * country or network, hot-installable.
 *
 * <p>An adapter never falsifies, and the core does not take its word for it: the core first writes
 * the invoice in the adapter's target syntax with the installed writers (checked), hands that XML
 * to {@link #adapt}, then reads the result back with the installed readers and compares it with the
 * source business term by business term. A difference in a term the adapter does not declare in
 * {@link Target#adds()} fails the adaptation, and so does a finding of error severity of the
 * validators that apply to the result (the target's official rules). The invoice then does not go
 * out in that form, and its timeline says why.
 */
@ConsumerType
public interface ReceiverAdapter {
    /** The form it produces. */
    Target target();

    /**
     * Whether it serves this receiver: its country, or its network, or a customer who chose it. The
     * core asks only when the dossier allows receiver XML changes.
     */
    boolean serves(Receiver receiver);

    /**
     * Writes the invoice in the receiver's form.
     *
     * @param invoiceXml the invoice XML in the target's syntax ({@link Target#syntax()})
     * @param invoice the invoice as read from the source
     * @param receiver who receives it
     * @param settings the dossier's settings of this adapter (its Metatype), empty when none
     * @return the file to send
     * @throws UnreadableInvoiceException when the receiver's form cannot be had, with the reason a
     *     user can act on (a term the receiver requires is missing: a Leitweg-ID, an electronic
     *     address)
     */
    Document adapt(
            Document invoiceXml, Invoice invoice, Receiver receiver, Map<String, Object> settings)
            throws UnreadableInvoiceException;

    /**
     * The form an adapter produces.
     *
     * @param syntax the syntax id ({@code UBL}, {@code CII}, {@code FACTUR_X}), as readers and
     *     writers name it
     * @param specification the specification identifier (BT-24) it declares
     * @param adds the business terms it may add or change, by id ({@code BT-10}, {@code BT-24}):
     *     any other difference from the source fails the adaptation
     */
    record Target(String syntax, String specification, Set<String> adds) {
        public Target {
            Objects.requireNonNull(syntax, "syntax");
            specification = specification == null ? "" : specification;
            adds = adds == null ? Set.of() : Set.copyOf(adds);
        }
    }

    /**
     * The receiver of an invoice, as the dossier's customer directory and the invoice know it.
     *
     * @param countryCode ISO 3166-1 alpha-2 country of the buyer, empty when unknown
     * @param preferredForm the form the customer chose: an adapter's capability id, or empty
     * @param references terms the directory knows of this customer that a receiver may require, by
     *     business term id ({@code BT-10} the buyer reference / Leitweg-ID, {@code BT-49} the
     *     electronic address); empty when none
     */
    record Receiver(String countryCode, String preferredForm, Map<String, String> references) {
        public Receiver {
            countryCode = countryCode == null ? "" : countryCode;
            preferredForm = preferredForm == null ? "" : preferredForm;
            references = references == null ? Map.of() : Map.copyOf(references);
        }
    }
}
