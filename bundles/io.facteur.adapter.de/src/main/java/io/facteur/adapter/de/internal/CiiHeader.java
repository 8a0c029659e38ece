package io.facteur.adapter.de.internal;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.XmlEditor;
import java.util.Set;
import org.w3c.dom.Element;

/** BT-24 and BT-10 of a CII D16B CrossIndustryInvoice, in the order its schema wants. */
final class CiiHeader implements XRechnung.Header {

    static final String RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    static final String RAM =
            "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    private static final Set<String> BEFORE_GUIDELINE =
            Set.of("TestIndicator", "BusinessProcessSpecifiedDocumentContextParameter");

    @Override
    public void set(XmlEditor xml, String buyerReference, Messages messages)
            throws UnreadableInvoiceException {
        Element root = xml.root();
        Element context = XmlEditor.child(root, RSM, "ExchangedDocumentContext");
        Element transaction = XmlEditor.child(root, RSM, "SupplyChainTradeTransaction");
        Element agreement =
                transaction == null
                        ? null
                        : XmlEditor.child(transaction, RAM, "ApplicableHeaderTradeAgreement");
        if (!RSM.equals(root.getNamespaceURI())
                || !"CrossIndustryInvoice".equals(root.getLocalName())
                || context == null
                || agreement == null) {
            throw new UnreadableInvoiceException(
                    messages.format("xml.notCii", root.getNamespaceURI(), root.getLocalName()));
        }
        if (XmlEditor.child(context, RAM, "BusinessProcessSpecifiedDocumentContextParameter")
                == null) {
            String process =
                    xml.element(context, RAM, "ram", "ID", xml.escape(XRechnung.BILLING_PROCESS));
            xml.insert(
                    context,
                    XmlEditor.firstChildNotIn(context, Set.of("TestIndicator")),
                    xml.element(
                            context,
                            RAM,
                            "ram",
                            "BusinessProcessSpecifiedDocumentContextParameter",
                            process));
        }
        Element guideline =
                XmlEditor.child(context, RAM, "GuidelineSpecifiedDocumentContextParameter");
        if (guideline == null) {
            String id = xml.element(context, RAM, "ram", "ID", xml.escape(XRechnung.SPECIFICATION));
            xml.insert(
                    context,
                    XmlEditor.firstChildNotIn(context, BEFORE_GUIDELINE),
                    xml.element(
                            context, RAM, "ram", "GuidelineSpecifiedDocumentContextParameter", id));
        } else {
            xml.setOrAdd(guideline, RAM, "ram", "ID", Set.of(), XRechnung.SPECIFICATION);
        }
        // the buyer reference is the agreement's first element
        xml.setOrAdd(agreement, RAM, "ram", "BuyerReference", Set.of(), buyerReference);
    }
}
