package io.facteur.adapter.de.internal;

import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter.Receiver;
import io.facteur.api.ReceiverAdapter.Target;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.XmlEditor;
import java.util.Map;
import java.util.Set;

/**
 * XRechnung 3.0 (KoSIT's CIUS of EN 16931 for German public buyers): what both syntaxes do, declare
 * the specification (BT-24), carry the buyer reference (BT-10) and a business process (BT-23) when
 * the invoice has none, and nothing else. An invoice without the terms XRechnung requires and no
 * adapter may invent is refused ({@link Requirements}).
 */
final class XRechnung {

    /** The specification identifier of XRechnung 3.0. */
    static final String SPECIFICATION =
            "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";

    /** The business terms the adapters set. */
    static final Set<String> ADDS = Set.of("BT-10", "BT-23", "BT-24");

    /**
     * The business process (BT-23) written when the invoice names none: KoSIT's rules require one
     * (PEPPOL-EN16931-R001), and this is the one XRechnung's own examples use.
     */
    static final String BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    /** The receivers' country. */
    static final String GERMANY = "DE";

    private XRechnung() {}

    static Target target(String syntax) {
        return new Target(syntax, SPECIFICATION, ADDS);
    }

    /** The two tags of one syntax. */
    interface Header {
        /**
         * Sets BT-24 and BT-10 in the parsed invoice.
         *
         * @throws UnreadableInvoiceException when the XML is not of this syntax
         */
        void set(XmlEditor xml, String buyerReference, Messages messages)
                throws UnreadableInvoiceException;
    }

    static Document adapt(
            Header header,
            Document invoiceXml,
            Invoice invoice,
            Receiver receiver,
            Map<String, Object> settings)
            throws UnreadableInvoiceException {
        Messages messages = Messages.of(settings);
        XmlEditor xml = tagged(header, invoiceXml, invoice, receiver, settings);
        Requirements.check(xml.root(), header instanceof UblHeader, messages);
        return new Document(invoiceXml.fileName(), invoiceXml.mediaType(), xml.bytes());
    }

    /** The invoice with its tags set, before the required terms are checked. */
    static XmlEditor tagged(
            Header header,
            Document invoiceXml,
            Invoice invoice,
            Receiver receiver,
            Map<String, Object> settings)
            throws UnreadableInvoiceException {
        Messages messages = Messages.of(settings);
        String buyerReference = BuyerReference.of(receiver, invoice, settings, messages);
        XmlEditor xml = XmlEditor.parse(invoiceXml.content(), messages.locale());
        header.set(xml, buyerReference, messages);
        return xml;
    }
}
