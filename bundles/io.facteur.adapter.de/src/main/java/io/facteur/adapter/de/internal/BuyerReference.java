package io.facteur.adapter.de.internal;

import io.facteur.api.ReceiverAdapter.Receiver;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.util.Map;

/**
 * The buyer reference (BT-10) an XRechnung carries, which public buyers read as their Leitweg-ID:
 * the one the customer directory knows for the receiver, else the invoice's own, else the dossier's
 * default; without any, XRechnung cannot be had.
 */
final class BuyerReference {

    /** Longer references are refused: a Leitweg-ID has at most 46 characters. */
    static final int MAX_LENGTH = 100;

    private BuyerReference() {}

    static String of(
            Receiver receiver, Invoice invoice, Map<String, Object> settings, Messages messages)
            throws UnreadableInvoiceException {
        String fromDirectory = receiver.references().get("BT-10");
        if (fromDirectory != null && !fromDirectory.isBlank()) {
            return checked(fromDirectory, "directory", messages);
        }
        if (!invoice.buyerReference().isBlank()) {
            return checked(invoice.buyerReference(), "invoice", messages);
        }
        Object fromSettings = settings.get(XRechnungSettings.LEITWEG_ID);
        if (fromSettings instanceof String leitwegId && !leitwegId.isBlank()) {
            return checked(leitwegId, "settings", messages);
        }
        throw new UnreadableInvoiceException(messages.format("bt10.missing"));
    }

    private static String checked(String reference, String origin, Messages messages)
            throws UnreadableInvoiceException {
        String stripped = reference.strip();
        if (stripped.length() > MAX_LENGTH
                || stripped.codePoints().anyMatch(c -> Character.isISOControl(c))) {
            throw new UnreadableInvoiceException(
                    messages.format(
                            "bt10.unusable", messages.format("origin." + origin), MAX_LENGTH));
        }
        return stripped;
    }
}
