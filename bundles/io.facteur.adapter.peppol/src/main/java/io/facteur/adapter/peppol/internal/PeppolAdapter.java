package io.facteur.adapter.peppol.internal;

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
import org.w3c.dom.Element;

/**
 * Peppol BIS Billing 3.0 in UBL: declares the specification (BT-24) and the business process
 * (BT-23), and carries both electronic addresses Peppol routes by: the seller's (BT-34) must be in
 * the invoice, the buyer's (BT-49) is taken from the customer directory when the invoice has none.
 */
@Component(service = ReceiverAdapter.class)
@Capability(
        capability = PeppolAdapter.ID,
        kind = CapabilityKind.RECEIVER_ADAPTER,
        label = "Peppol BIS Billing 3.0 (UBL)")
public class PeppolAdapter implements ReceiverAdapter {

    /** The capability id. */
    static final String ID = "adapter.peppol";

    static final String INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    static final String CBC =
            "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String CAC =
            "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";

    private static final Set<String> BEFORE_CUSTOMIZATION = Set.of("UBLExtensions", "UBLVersionID");
    private static final Set<String> BEFORE_PROFILE =
            Set.of("UBLExtensions", "UBLVersionID", "CustomizationID");
    private static final Set<String> BEFORE_ENDPOINT =
            Set.of("MarkCareIndicator", "MarkAttentionIndicator", "WebsiteURI", "LogoReferenceID");

    @Override
    public Target target() {
        return new Target("UBL", Peppol.SPECIFICATION, Peppol.ADDS);
    }

    @Override
    public boolean serves(Receiver receiver) {
        String chosen = receiver.preferredForm();
        return ID.equals(chosen)
                || chosen.isEmpty()
                        && Peppol.COUNTRIES.contains(
                                receiver.countryCode().toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public Document adapt(
            Document invoiceXml, Invoice invoice, Receiver receiver, Map<String, Object> settings)
            throws UnreadableInvoiceException {
        Messages messages = Messages.of(settings);
        XmlEditor xml = XmlEditor.parse(invoiceXml.content(), messages.locale());
        Element root = xml.root();
        boolean ubl =
                INVOICE.equals(root.getNamespaceURI()) && "Invoice".equals(root.getLocalName())
                        || CREDIT_NOTE.equals(root.getNamespaceURI())
                                && "CreditNote".equals(root.getLocalName());
        Element seller = party(root, "AccountingSupplierParty");
        Element buyer = party(root, "AccountingCustomerParty");
        if (!ubl || seller == null || buyer == null) {
            throw new UnreadableInvoiceException(
                    messages.format("xml.notUbl", root.getNamespaceURI(), root.getLocalName()));
        }
        if (!hasEndpoint(seller)) {
            throw new UnreadableInvoiceException(messages.format("bt34.missing"));
        }
        String sellerScheme = scheme(seller);
        if (!Peppol.routable(sellerScheme)) {
            throw new UnreadableInvoiceException(messages.format("bt34.scheme", sellerScheme));
        }
        if (!hasEndpoint(buyer) || !Peppol.routable(scheme(buyer))) {
            String known = receiver.references().get("BT-49");
            if (known == null || known.isBlank()) {
                throw new UnreadableInvoiceException(
                        hasEndpoint(buyer)
                                ? messages.format("bt49.scheme", scheme(buyer))
                                : messages.format("bt49.missing"));
            }
            ElectronicAddress address = ElectronicAddress.parse(known, messages);
            if (!Peppol.routable(address.scheme())) {
                throw new UnreadableInvoiceException(
                        messages.format("bt49.scheme", address.scheme()));
            }
            Element existing = XmlEditor.child(buyer, CBC, "EndpointID");
            String markup =
                    xml.element(
                            buyer,
                            CBC,
                            "cbc",
                            "EndpointID",
                            Map.of("schemeID", address.scheme()),
                            xml.escape(address.value()));
            if (existing != null) {
                // an empty one, or one in a scheme Peppol does not route: replaced whole
                xml.replace(existing, markup);
            } else {
                xml.insert(buyer, XmlEditor.firstChildNotIn(buyer, BEFORE_ENDPOINT), markup);
            }
        }
        PeppolRules.check(root, messages);
        xml.setOrAdd(
                root, CBC, "cbc", "CustomizationID", BEFORE_CUSTOMIZATION, Peppol.SPECIFICATION);
        Element profile = XmlEditor.child(root, CBC, "ProfileID");
        if (profile == null
                || !Peppol.PROCESS.matcher(profile.getTextContent().strip()).matches()) {
            xml.setOrAdd(root, CBC, "cbc", "ProfileID", BEFORE_PROFILE, Peppol.BILLING_PROCESS);
        }
        return new Document(invoiceXml.fileName(), invoiceXml.mediaType(), xml.bytes());
    }

    private static Element party(Element root, String role) {
        Element holder = XmlEditor.child(root, CAC, role);
        return holder == null ? null : XmlEditor.child(holder, CAC, "Party");
    }

    private static String scheme(Element party) {
        Element endpoint = XmlEditor.child(party, CBC, "EndpointID");
        return endpoint == null ? "" : endpoint.getAttribute("schemeID").strip();
    }

    private static boolean hasEndpoint(Element party) {
        Element endpoint = XmlEditor.child(party, CBC, "EndpointID");
        return endpoint != null && !endpoint.getTextContent().isBlank();
    }
}
