package io.facteur.format.mustang.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The XRechnung model of one invoice between the two stylesheets of the visualization, repaired
 * where an invoice carries more than the layout expects (each case is a corpus invoice that
 * Mustang's visualizer fails on):
 *
 * <ul>
 *   <li>several price discounts on one line (CII EXTENDED gives one per gross price allowance): the
 *       layout formats BT-147 as one number, so they become their sum, which is what BT-147 means
 *       (gross price minus net price);
 *   <li>an attachment without a file name (optional in UBL): FOP needs one to embed it, so it is
 *       named {@code attachment-N}.
 * </ul>
 */
final class VisualizationModel {

    static final String NAMESPACE = "urn:ce.eu:en16931:2017:xoev-de:kosit:standard:xrechnung-1";

    private VisualizationModel() {}

    /** An empty DOM for the first stylesheet to write the model into. */
    static Document empty() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().newDocument();
    }

    /** Applies the repairs in place. */
    static void repair(Document model) {
        NodeList prices = model.getElementsByTagNameNS(NAMESPACE, "PRICE_DETAILS");
        for (int i = 0; i < prices.getLength(); i++) {
            sumPriceDiscounts((Element) prices.item(i));
        }
        NodeList attachments = model.getElementsByTagNameNS(NAMESPACE, "Attached_document");
        for (int i = 0; i < attachments.getLength(); i++) {
            Element attachment = (Element) attachments.item(i);
            if (attachment.getAttribute("filename").isBlank()) {
                attachment.setAttribute("filename", "attachment-" + (i + 1));
            }
        }
    }

    private static void sumPriceDiscounts(Element price) {
        List<Element> discounts = new ArrayList<>();
        for (Node n = price.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && NAMESPACE.equals(e.getNamespaceURI())
                    && "Item_price_discount".equals(e.getLocalName())) {
                discounts.add(e);
            }
        }
        if (discounts.size() < 2) {
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Element discount : discounts) {
            try {
                sum = sum.add(new BigDecimal(discount.getTextContent().strip()));
            } catch (NumberFormatException e) {
                return; // not numbers: left as they are, and the layout says why it fails
            }
        }
        discounts.get(0).setTextContent(sum.toPlainString());
        for (Element extra : discounts.subList(1, discounts.size())) {
            price.removeChild(extra);
        }
    }
}
