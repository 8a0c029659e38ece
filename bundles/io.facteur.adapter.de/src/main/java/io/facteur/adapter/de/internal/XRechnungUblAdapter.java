package io.facteur.adapter.de.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * XRechnung 3.0 in UBL: the form of German receivers by default. Holds no configuration: each
 * dossier's settings (its default Leitweg-ID) come with each invoice.
 */
@Component(
        service = ReceiverAdapter.class,
        configurationPid = XRechnungSettings.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = XRechnungSettings.class, factory = true)
@Capability(
        capability = XRechnungUblAdapter.ID,
        kind = CapabilityKind.RECEIVER_ADAPTER,
        label = "XRechnung 3.0 (UBL)",
        settings_pid = XRechnungSettings.PID)
public class XRechnungUblAdapter implements ReceiverAdapter {

    /** The capability id. */
    static final String ID = "adapter.xrechnung.ubl";

    private final UblHeader header = new UblHeader();

    @Override
    public Target target() {
        return XRechnung.target("UBL");
    }

    @Override
    public boolean serves(Receiver receiver) {
        String chosen = receiver.preferredForm();
        return ID.equals(chosen)
                || chosen.isEmpty() && XRechnung.GERMANY.equalsIgnoreCase(receiver.countryCode());
    }

    @Override
    public Document adapt(
            Document invoiceXml, Invoice invoice, Receiver receiver, Map<String, Object> settings)
            throws UnreadableInvoiceException {
        return XRechnung.adapt(header, invoiceXml, invoice, receiver, settings);
    }
}
