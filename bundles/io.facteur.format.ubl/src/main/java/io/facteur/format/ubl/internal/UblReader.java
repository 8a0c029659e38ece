package io.facteur.format.ubl.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.SafeXml;
import io.facteur.api.xml.XmlHead;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Reads UBL 2.1 Invoice and CreditNote documents (XRechnung UBL, Peppol BIS Billing 3, plain EN
 * 16931 UBL) with ph-ubl, with the business terms they declare.
 */
@Component(service = InvoiceReader.class)
@Capability(capability = "format.ubl", kind = CapabilityKind.INVOICE_READER, label = "UBL 2.1")
public class UblReader implements InvoiceReader {

    static final String INVOICE_NAMESPACE =
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CREDIT_NOTE_NAMESPACE =
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    private final UblInvoiceMapper mapper = new UblInvoiceMapper();

    @Override
    public Optional<Syntax> detect(Document document) {
        return XmlHead.read(document.content(), null, "CustomizationID")
                .filter(UblReader::isUbl)
                .map(head -> new Syntax("UBL", head.profile()));
    }

    @Override
    public Invoice read(Document document) throws UnreadableInvoiceException {
        org.w3c.dom.Document dom = SafeXml.parse(document.content());
        String namespace = String.valueOf(dom.getDocumentElement().getNamespaceURI());
        String root = dom.getDocumentElement().getLocalName();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JAXB finds its runtime through the context class loader: this bundle embeds it
        thread.setContextClassLoader(UblReader.class.getClassLoader());
        try {
            if (INVOICE_NAMESPACE.equals(namespace) && "Invoice".equals(root)) {
                return mapper.map(unmarshalled(UblSchema.invoice(dom)));
            }
            if (CREDIT_NOTE_NAMESPACE.equals(namespace) && "CreditNote".equals(root)) {
                return mapper.map(unmarshalled(UblSchema.creditNote(dom)));
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
        throw new UnreadableInvoiceException(
                "This XML is not a UBL 2.1 Invoice or CreditNote (its root element is "
                        + root
                        + " in namespace "
                        + namespace
                        + ")");
    }

    private static <T> T unmarshalled(UblSchema.Result<T> result)
            throws UnreadableInvoiceException {
        if (result.document() == null) {
            throw new UnreadableInvoiceException(
                    "This UBL document does not follow the UBL 2.1 schema: "
                            + firstError(result.errors()));
        }
        return result.document();
    }

    private static String firstError(java.util.List<String> errors) {
        String first = errors.isEmpty() ? "it cannot be bound" : errors.get(0);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    private static boolean isUbl(XmlHead head) {
        return INVOICE_NAMESPACE.equals(head.namespace()) && "Invoice".equals(head.localName())
                || CREDIT_NOTE_NAMESPACE.equals(head.namespace())
                        && "CreditNote".equals(head.localName());
    }
}
