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

/**
 * XRechnung 3.0 in CII: for the customers who chose it (their preferred form is this adapter's id);
 * German receivers otherwise get the UBL form. Shares the UBL adapter's settings.
 */
@Component(
        service = ReceiverAdapter.class,
        configurationPid = XRechnungSettings.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Capability(
        capability = XRechnungCiiAdapter.ID,
        kind = CapabilityKind.RECEIVER_ADAPTER,
        label = "XRechnung 3.0 (CII)",
        settings_pid = XRechnungSettings.PID)
public class XRechnungCiiAdapter implements ReceiverAdapter {

    /** The capability id. */
    static final String ID = "adapter.xrechnung.cii";

    private final CiiHeader header = new CiiHeader();

    @Override
    public Target target() {
        return XRechnung.target("CII");
    }

    @Override
    public boolean serves(Receiver receiver) {
        return ID.equals(receiver.preferredForm());
    }

    @Override
    public Document adapt(
            Document invoiceXml, Invoice invoice, Receiver receiver, Map<String, Object> settings)
            throws UnreadableInvoiceException {
        return XRechnung.adapt(header, invoiceXml, invoice, receiver, settings);
    }
}
