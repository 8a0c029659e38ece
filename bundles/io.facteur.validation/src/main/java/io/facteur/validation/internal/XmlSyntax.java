package io.facteur.validation.internal;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The EN 16931 syntax of a parsed document, told by its root element, and the specification
 * identifier (BT-24) it declares. The document is what counts, not what a reader guessed.
 */
enum XmlSyntax {
    CII,
    UBL_INVOICE,
    UBL_CREDIT_NOTE,
    /** Not an EN 16931 syntax (ZUGFeRD 1.0, any other XML). */
    OTHER;

    static final String CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    static final String RAM_NS =
            "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    static final String UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String UBL_CREDIT_NOTE_NS =
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    static final String CBC_NS =
            "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    static XmlSyntax of(Element root) {
        String namespace = String.valueOf(root.getNamespaceURI());
        String name = root.getLocalName();
        if (CII_NS.equals(namespace) && "CrossIndustryInvoice".equals(name)) {
            return CII;
        }
        if (UBL_INVOICE_NS.equals(namespace) && "Invoice".equals(name)) {
            return UBL_INVOICE;
        }
        if (UBL_CREDIT_NOTE_NS.equals(namespace) && "CreditNote".equals(name)) {
            return UBL_CREDIT_NOTE;
        }
        return OTHER;
    }

    /** The specification identifier (BT-24) the document declares, empty when none. */
    static String bt24(Element root) {
        switch (of(root)) {
            case CII:
                Node parameter =
                        root.getElementsByTagNameNS(
                                        RAM_NS, "GuidelineSpecifiedDocumentContextParameter")
                                .item(0);
                return parameter instanceof Element element ? firstText(element, RAM_NS, "ID") : "";
            case UBL_INVOICE:
            case UBL_CREDIT_NOTE:
                return firstText(root, CBC_NS, "CustomizationID");
            default:
                return "";
        }
    }

    private static String firstText(Element parent, String namespace, String name) {
        Node node = parent.getElementsByTagNameNS(namespace, name).item(0);
        return node == null ? "" : node.getTextContent().strip();
    }
}
