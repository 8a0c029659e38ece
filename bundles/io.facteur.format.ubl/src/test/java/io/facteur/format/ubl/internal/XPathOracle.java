package io.facteur.format.ubl.internal;

import io.facteur.api.Document;
import io.facteur.api.xml.SafeXml;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

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

    /** A path step by local name, whatever the prefix: {@code step("ID")}. */
    static String step(String localName) {
        return "*[local-name()='" + localName + "']";
    }
}
