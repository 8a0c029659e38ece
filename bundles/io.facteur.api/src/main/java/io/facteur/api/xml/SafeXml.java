package io.facteur.api.xml;

import io.facteur.api.UnreadableInvoiceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses invoice XML with DTDs, external entities and XInclude refused, so that a hostile document
 * can neither read local files nor exhaust memory. Invoices never need a DOCTYPE.
 */
public final class SafeXml {
    private SafeXml() {}

    /** Parses a document, namespace aware; bad or hostile XML is refused with a reason. */
    public static Document parse(byte[] xml) throws UnreadableInvoiceException {
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            builder.setEntityResolver(
                    (publicId, systemId) -> {
                        throw new SAXException("external entity refused: " + systemId);
                    });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
                throw new UnreadableInvoiceException(
                        "This XML declares a DOCTYPE, which invoices never do; refused for"
                                + " security",
                        e);
            }
            throw new UnreadableInvoiceException(
                    "This file is not well-formed XML: " + e.getMessage(), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new UnreadableInvoiceException("This XML could not be read: " + e, e);
        }
    }

    /** A namespace-aware DOM factory with DTDs, external entities and XInclude refused. */
    public static DocumentBuilderFactory factory() throws ParserConfigurationException {
        // the JDK's own parser, never one found on the class path of the caller
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /** A StAX factory that supports neither DTDs nor external entities. */
    public static javax.xml.stream.XMLInputFactory streamFactory() {
        javax.xml.stream.XMLInputFactory factory =
                javax.xml.stream.XMLInputFactory.newDefaultFactory();
        factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(
                javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
