package io.facteur.api.xml;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The root element and declared profile of an XML document, read with a streaming parser from the
 * first few elements only, so that detection stays cheap. Documents with a DOCTYPE are not
 * recognised.
 *
 * @param namespace the root element's namespace URI
 * @param localName the root element's local name
 * @param profile the text of the profile element (BT-24), empty when not found near the top
 */
public record XmlHead(String namespace, String localName, String profile) {

    private static final int MAX_ELEMENTS = 64;

    /**
     * Reads the head of the document.
     *
     * @param profileParent local name of the element holding the profile ({@code null} for root)
     * @param profileElement local name of the profile element
     */
    public static Optional<XmlHead> read(byte[] xml, String profileParent, String profileElement) {
        if (xml.length == 0 || !looksLikeXml(xml)) {
            return Optional.empty();
        }
        XMLInputFactory factory = SafeXml.streamFactory();
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            Deque<String> path = new ArrayDeque<>();
            String namespace = null;
            String root = null;
            int elements = 0;
            while (reader.hasNext() && elements < MAX_ELEMENTS) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    return Optional.empty();
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    path.pop();
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    elements++;
                    String name = reader.getLocalName();
                    if (root == null) {
                        namespace = String.valueOf(reader.getNamespaceURI());
                        root = name;
                    }
                    String parent = path.isEmpty() ? null : path.peek();
                    boolean parentMatches =
                            profileParent == null ? path.size() == 1 : profileParent.equals(parent);
                    if (parentMatches && profileElement.equals(name)) {
                        return Optional.of(
                                new XmlHead(namespace, root, reader.getElementText().strip()));
                    }
                    path.push(name);
                }
            }
            return root == null ? Optional.empty() : Optional.of(new XmlHead(namespace, root, ""));
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.empty();
        } finally {
            close(reader);
        }
    }

    private static boolean looksLikeXml(byte[] xml) {
        for (int i = 0; i < Math.min(xml.length, 512); i++) {
            int b = xml[i] & 0xff;
            if (b == '<') {
                return true;
            }
            // whitespace and a byte order mark may come before the first tag
            if (!(b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB
                    || b == 0xBF)) {
                return false;
            }
        }
        return false;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing was held open but the array
            }
        }
    }
}
