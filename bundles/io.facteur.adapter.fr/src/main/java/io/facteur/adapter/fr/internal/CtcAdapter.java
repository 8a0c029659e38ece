package io.facteur.adapter.fr.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.XmlEditor;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * EXTENDED-CTC-FR in CII, the French reform's extended profile, for the customers who chose it:
 * declares it in BT-24 and changes nothing else; refuses invoices without the reform's mandatory
 * terms (SIRENs with scheme 0002, the seller's VAT identifier), naming each.
 */
@Component(service = ReceiverAdapter.class)
@Capability(
        capability = CtcAdapter.ID,
        kind = CapabilityKind.RECEIVER_ADAPTER,
        label = "EXTENDED-CTC-FR (CII)")
public class CtcAdapter implements ReceiverAdapter {

    /** The capability id. */
    static final String ID = "adapter.fr.ctc";

    @Override
    public Target target() {
        return new Target("CII", CtcInvoice.SPECIFICATION, Set.of("BT-24"));
    }

    @Override
    public boolean serves(Receiver receiver) {
        return ID.equals(receiver.preferredForm());
    }

    @Override
    public Document adapt(
            Document invoiceXml, Invoice invoice, Receiver receiver, Map<String, Object> settings)
            throws UnreadableInvoiceException {
        Messages messages = Messages.of(settings);
        XmlEditor xml = XmlEditor.parse(invoiceXml.content(), messages.locale());
        CtcInvoice cii = CtcInvoice.of(xml, messages);
        FrenchTerms.check(invoice, cii.schemes(), messages);
        if (invoice.lines().isEmpty()) {
            // BASIC WL and MINIMUM carry no lines; EXTENDED-CTC-FR is a complete invoice (BR-16)
            throw new UnreadableInvoiceException(
                    messages.format("refused", messages.format("lines.missing")));
        }
        cii.declareCtc();
        return new Document(invoiceXml.fileName(), invoiceXml.mediaType(), xml.bytes());
    }
}
