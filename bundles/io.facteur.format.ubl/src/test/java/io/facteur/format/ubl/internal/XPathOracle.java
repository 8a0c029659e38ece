package io.facteur.format.ubl.internal;

import io.facteur.api.Document;
import io.facteur.api.xml.SafeXml;
import java.util.ArrayList;
import java.util.List;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a value from invoice XML by XPath over local names: an oracle independent of the readers
 * and writers under test.
 */
final class XPathOracle {

    private XPathOracle() {}

    static String value(Document xml, String path) throws Exception {
        return evaluate(xml, "normalize-space(" + path + ")");
    }

    static int count(Document xml, String path) throws Exception {
        return (int) Double.parseDouble(evaluate(xml, "count(" + path + ")"));
    }

    private static String evaluate(Document xml, String expression) throws Exception {
        try {
            return XPathFactory.newInstance()
                    .newXPath()
                    .evaluate(expression, SafeXml.parse(xml.content()));
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    /**
     * The elements without child element and without text, as Peppol's rule PEPPOL-EN16931-R008
     * finds them ({@code //*[not(*) and not(normalize-space())]}), each as a path of local names.
     */
    static List<String> emptyElements(Document xml) throws Exception {
        NodeList empty =
                (NodeList)
                        XPathFactory.newInstance()
                                .newXPath()
                                .evaluate(
                                        "//*[not(*) and not(normalize-space())]",
                                        SafeXml.parse(xml.content()),
                                        XPathConstants.NODESET);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < empty.getLength(); i++) {
            StringBuilder path = new StringBuilder();
            for (Node n = empty.item(i);
                    n.getNodeType() == Node.ELEMENT_NODE;
                    n = n.getParentNode()) {
                path.insert(0, "/" + n.getLocalName());
            }
            paths.add(path.toString());
        }
        return paths;
    }

    /** A path step by local name, whatever the prefix: {@code step("ID")}. */
    static String step(String localName) {
        return "*[local-name()='" + localName + "']";
    }
}
