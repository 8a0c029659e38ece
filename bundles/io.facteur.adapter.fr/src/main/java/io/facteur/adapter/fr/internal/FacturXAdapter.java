package io.facteur.adapter.fr.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Factur-X for French receivers, their default form: the Factur-X PDF/A-3 the writers made (or the
 * original), passed on unchanged when it declares a profile French receivers take (BASIC, EN 16931,
 * EXTENDED) and carries the reform's mandatory terms; refused with the missing terms named
 * otherwise. It changes nothing, so that the PDF/A-3 stays as the writer signed it off.
 */
@Component(service = ReceiverAdapter.class)
@Capability(
        capability = FacturXAdapter.ID,
        kind = CapabilityKind.RECEIVER_ADAPTER,
        label = "Factur-X (France)")
public class FacturXAdapter implements ReceiverAdapter {

    /** The capability id. */
    static final String ID = "adapter.fr.facturx";

    /** The Factur-X 1.0 profiles of complete invoices, by their specification identifier. */
    static final Set<String> PROFILES =
            Set.of(
                    "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
                    "urn:cen.eu:en16931:2017",
                    "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended");

    /** Longer files are refused, as the XML adapters refuse larger XML. */
    static final int MAX_BYTES = 50 * 1024 * 1024;

    @Override
    public Target target() {
        // no specification: the invoice keeps the profile its source declares
        return new Target("FACTUR_X", "", Set.of());
    }

    @Override
    public boolean serves(Receiver receiver) {
        String chosen = receiver.preferredForm();
        return ID.equals(chosen)
                || chosen.isEmpty() && FrenchTerms.FRANCE.equalsIgnoreCase(receiver.countryCode());
    }

    @Override
    public Document adapt(
            Document invoicePdf, Invoice invoice, Receiver receiver, Map<String, Object> settings)
            throws UnreadableInvoiceException {
        Messages messages = Messages.of(settings);
        byte[] content = invoicePdf.content();
        if (content.length > MAX_BYTES) {
            throw new UnreadableInvoiceException(
                    messages.format("pdf.tooLarge", content.length, MAX_BYTES));
        }
        if (content.length < 5 || content[0] != '%' || content[1] != 'P' || content[2] != 'D') {
            throw new UnreadableInvoiceException(messages.format("pdf.notPdf"));
        }
        String profile = invoice.specification().strip();
        if (!PROFILES.contains(profile)) {
            throw new UnreadableInvoiceException(
                    messages.format(
                            "profile.unaccepted",
                            profile.isEmpty()
                                    ? "-"
                                    : profile.length() > 120
                                            ? profile.substring(0, 120) + "…"
                                            : profile));
        }
        FrenchTerms.check(invoice, null, messages);
        return invoicePdf;
    }
}
