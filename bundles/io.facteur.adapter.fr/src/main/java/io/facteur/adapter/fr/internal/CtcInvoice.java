package io.facteur.adapter.fr.internal;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.XmlEditor;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A CII CrossIndustryInvoice made EXTENDED-CTC-FR: the schemes of its parties' legal registrations
 * read, its specification identifier (BT-24) set in the place CII's schema wants.
 */
final class CtcInvoice {

    static final String RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    static final String RAM =
            "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";

    /** The specification identifier of the French extended CTC profile. */
    static final String SPECIFICATION =
            "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr";

    private static final Set<String> BEFORE_GUIDELINE =
            Set.of("TestIndicator", "BusinessProcessSpecifiedDocumentContextParameter");

    private final XmlEditor xml;
    private final Element context;
    private final Element agreement;

    private CtcInvoice(XmlEditor xml, Element context, Element agreement) {
        this.xml = xml;
        this.context = context;
        this.agreement = agreement;
    }

    static CtcInvoice of(XmlEditor xml, Messages messages) throws UnreadableInvoiceException {
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
        return new CtcInvoice(xml, context, agreement);
    }

    /** The schemes of BT-30 and BT-47 as written, empty when absent. */
    FrenchTerms.Schemes schemes() {
        return new FrenchTerms.Schemes(scheme("SellerTradeParty"), scheme("BuyerTradeParty"));
    }

    private String scheme(String party) {
        Element trade = XmlEditor.child(agreement, RAM, party);
        Element legal =
                trade == null ? null : XmlEditor.child(trade, RAM, "SpecifiedLegalOrganization");
        Element id = legal == null ? null : XmlEditor.child(legal, RAM, "ID");
        return id == null ? "" : id.getAttribute("schemeID");
    }

    /** Sets BT-24 to EXTENDED-CTC-FR, adding the guideline parameter when it is missing. */
    void declareCtc() {
        Element guideline =
                XmlEditor.child(context, RAM, "GuidelineSpecifiedDocumentContextParameter");
        if (guideline == null) {
            String id = xml.element(context, RAM, "ram", "ID", xml.escape(SPECIFICATION));
            xml.insert(
                    context,
                    XmlEditor.firstChildNotIn(context, BEFORE_GUIDELINE),
                    xml.element(
                            context, RAM, "ram", "GuidelineSpecifiedDocumentContextParameter", id));
        } else {
            xml.setOrAdd(guideline, RAM, "ram", "ID", Set.of(), SPECIFICATION);
        }
    }
}
