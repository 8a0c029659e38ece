package io.facteur.validation.internal;

import com.helger.diagnostics.error.level.IErrorLevel;
import com.helger.io.resource.IReadableResource;
import com.helger.schematron.svrl.DefaultSVRLErrorLevelDeterminator;
import io.facteur.api.ValidationReport.Severity;
import io.facteur.api.xml.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads which rules a compiled Schematron (the XSLT phive runs) can report: the id of each
 * assertion and report, with the severity phive gives its flag.
 */
final class SchematronRules {

    private static final String SVRL = "http://purl.oclc.org/dsdl/svrl";
    private static final String XSL = "http://www.w3.org/1999/XSL/Transform";

    private SchematronRules() {}

    /** Rule id to severity; the most severe wins where an id is used twice. */
    static Map<String, Severity> read(IReadableResource xslt) {
        Map<String, Severity> rules = new HashMap<>();
        org.w3c.dom.Document dom = parse(xslt);
        for (String kind : new String[] {"failed-assert", "successful-report"}) {
            NodeList messages = dom.getElementsByTagNameNS(SVRL, kind);
            for (int i = 0; i < messages.getLength(); i++) {
                Element message = (Element) messages.item(i);
                String id = attribute(message, "id");
                if (!id.isEmpty()) {
                    rules.merge(id, severity(attribute(message, "flag")), SchematronRules::worst);
                }
            }
        }
        return Map.copyOf(rules);
    }

    private static org.w3c.dom.Document parse(IReadableResource xslt) {
        try (InputStream in = xslt.getInputStream()) {
            if (in == null) {
                throw new IllegalStateException("Rule resource missing: " + xslt.getPath());
            }
            DocumentBuilder builder = SafeXml.factory().newDocumentBuilder();
            return builder.parse(in);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("Rule resource unreadable: " + xslt.getPath(), e);
        }
    }

    /** The text of the {@code xsl:attribute} of this name that the message element sets. */
    private static String attribute(Element message, String name) {
        for (Node child = message.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element
                    && XSL.equals(element.getNamespaceURI())
                    && "attribute".equals(element.getLocalName())
                    && name.equals(element.getAttribute("name"))) {
                return element.getTextContent().strip();
            }
        }
        return "";
    }

    private static Severity severity(String flag) {
        IErrorLevel level =
                flag.isEmpty()
                        ? null
                        : DefaultSVRLErrorLevelDeterminator.getDefaultErrorLevelFromString(flag);
        return Findings.severity(
                level == null ? DefaultSVRLErrorLevelDeterminator.DEFAULT_ERROR_LEVEL : level);
    }

    private static Severity worst(Severity a, Severity b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
