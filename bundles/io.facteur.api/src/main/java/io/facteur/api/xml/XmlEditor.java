package io.facteur.api.xml;

import io.facteur.api.UnreadableInvoiceException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An invoice XML file and the few edits a receiver adapter makes to it. The file is parsed safely
 * into a DOM, where the adapter finds what to change (namespaces respected); the edits are then
 * made in the original text itself, so that everything else stays byte for byte as it came
 * (attribute order and quoting, line breaks, comments, the declaration), in the encoding it came
 * in.
 */
public final class XmlEditor {

    /** Larger invoice XML is refused: it is held in memory a few times. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;

    private record Edit(int from, int to, String replacement, int sequence) {}

    private final String text;
    private final Charset charset;
    private final Document dom;
    private final List<Edit> edits = new ArrayList<>();
    private List<XmlTags.Tag> tags;
    private Map<Element, Integer> order;

    private XmlEditor(String text, Charset charset, Document dom) {
        this.text = text;
        this.charset = charset;
        this.dom = dom;
    }

    /**
     * Parses invoice XML safely ({@link SafeXml}) for editing.
     *
     * @param locale the language of the reasons a refusal gives (French, English or German)
     * @throws UnreadableInvoiceException when the XML is too large, not well-formed, has a DOCTYPE,
     *     or declares an encoding this system cannot write
     */
    public static XmlEditor parse(byte[] xml, Locale locale) throws UnreadableInvoiceException {
        ResourceBundle texts =
                ResourceBundle.getBundle(
                        "io.facteur.api.xml.XmlEditor",
                        locale,
                        XmlEditor.class.getClassLoader(),
                        ResourceBundle.Control.getNoFallbackControl(
                                ResourceBundle.Control.FORMAT_PROPERTIES));
        if (xml.length > MAX_BYTES) {
            throw new UnreadableInvoiceException(
                    new MessageFormat(texts.getString("tooLarge"), locale)
                            .format(new Object[] {xml.length, MAX_BYTES}));
        }
        Document dom = SafeXml.parse(xml);
        String name = dom.getXmlEncoding() != null ? dom.getXmlEncoding() : dom.getInputEncoding();
        Charset charset;
        try {
            charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnreadableInvoiceException(
                    new MessageFormat(texts.getString("encoding"), locale)
                            .format(new Object[] {name}),
                    e);
        }
        return new XmlEditor(new String(xml, charset), charset, dom);
    }

    public Element root() {
        return dom.getDocumentElement();
    }

    /** Replaces the content of the element by this text. */
    public void setText(Element element, String value) {
        XmlTags.Tag tag = tag(element);
        if (tag.empty()) {
            edits.add(
                    edit(
                            tag.contentStart() - 2,
                            tag.contentStart(),
                            ">" + escape(value) + "</" + tag.qualifiedName() + ">"));
        } else {
            edits.add(edit(tag.contentStart(), tag.contentEnd(), escape(value)));
        }
    }

    /** Replaces the element, tags and content, by this markup. */
    public void replace(Element element, String markup) {
        XmlTags.Tag tag = tag(element);
        edits.add(edit(tag.start(), tag.end(), markup));
    }

    /**
     * Inserts markup as a child of the parent, before the reference child (after the last child
     * when null), on its own line indented like its neighbour.
     */
    public void insert(Element parent, Element reference, String markup) {
        if (reference != null) {
            int at = tag(reference).start();
            edits.add(edit(at, at, markup + indentBefore(at)));
            return;
        }
        XmlTags.Tag parentTag = tag(parent);
        Element last = lastChildElement(parent);
        if (last != null) {
            int at = tag(last).end();
            edits.add(edit(at, at, indentBefore(tag(last).start()) + markup));
        } else if (parentTag.empty()) {
            edits.add(
                    edit(
                            parentTag.contentStart() - 2,
                            parentTag.contentStart(),
                            ">" + markup + "</" + parentTag.qualifiedName() + ">"));
        } else {
            int at = parentTag.contentStart();
            edits.add(edit(at, at, markup));
        }
    }

    /**
     * An element of this namespace written as the document writes it: with the prefix it binds to
     * the namespace in the parent's scope, or declaring the usual prefix when it binds none.
     */
    public String element(
            Element parent,
            String namespace,
            String usualPrefix,
            String localName,
            Map<String, String> attributes,
            String inner) {
        String prefix = parent.lookupPrefix(namespace);
        StringBuilder start = new StringBuilder();
        if (prefix == null && !parent.isDefaultNamespace(namespace)) {
            prefix = usualPrefix;
            start.append(' ').append(XMLConstants.XMLNS_ATTRIBUTE).append(':').append(prefix);
            start.append("=\"").append(namespace).append('"');
        }
        attributes.forEach(
                (name, value) ->
                        start.append(' ')
                                .append(name)
                                .append("=\"")
                                .append(escape(value).replace("\"", "&quot;"))
                                .append('"'));
        String name = prefix == null ? localName : prefix + ":" + localName;
        return "<" + name + start + ">" + inner + "</" + name + ">";
    }

    /** {@link #element(Element, String, String, String, Map, String)} without attributes. */
    public String element(
            Element parent, String namespace, String usualPrefix, String localName, String inner) {
        return element(parent, namespace, usualPrefix, localName, Map.of(), inner);
    }

    /**
     * Sets the text of the child element with this name, or adds the element where the schema's
     * order wants it: before the first child whose name is not in {@code before}.
     */
    public void setOrAdd(
            Element parent,
            String namespace,
            String usualPrefix,
            String localName,
            Set<String> before,
            String value) {
        Element existing = child(parent, namespace, localName);
        if (existing != null) {
            setText(existing, value);
        } else {
            insert(
                    parent,
                    firstChildNotIn(parent, before),
                    element(parent, namespace, usualPrefix, localName, escape(value)));
        }
    }

    /** The first child element with this namespace and local name, or null. */
    public static Element child(Element parent, String namespace, String localName) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && localName.equals(e.getLocalName())
                    && namespace.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /**
     * The first child element whose local name is not in the set: where a new element goes that the
     * schema puts after those; null when there is none.
     */
    public static Element firstChildNotIn(Element parent, Set<String> names) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !names.contains(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /** Text as element content, each character the encoding cannot hold as a reference. */
    public String escape(String value) {
        CharsetEncoder encoder = charset.newEncoder();
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints()
                .forEach(
                        c -> {
                            if (c == '&') {
                                out.append("&amp;");
                            } else if (c == '<') {
                                out.append("&lt;");
                            } else if (c == '>') {
                                out.append("&gt;");
                            } else if (encoder.canEncode(new String(Character.toChars(c)))) {
                                out.appendCodePoint(c);
                            } else {
                                out.append("&#x").append(Integer.toHexString(c)).append(';');
                            }
                        });
        return out.toString();
    }

    /** The file with its edits, in its own encoding. */
    public byte[] bytes() {
        StringBuilder out = new StringBuilder(text);
        edits.stream()
                // from the end, so that offsets stay true; of two insertions at one place, the
                // later one first, so that they read in the order they were made
                .sorted(
                        Comparator.comparingInt(Edit::from)
                                .thenComparingInt(Edit::sequence)
                                .reversed())
                .forEach(e -> out.replace(e.from(), e.to(), e.replacement()));
        return out.toString().getBytes(charset);
    }

    private Edit edit(int from, int to, String replacement) {
        return new Edit(from, to, replacement, edits.size());
    }

    private String indentBefore(int at) {
        int i = at;
        while (i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        String whitespace = text.substring(i, at);
        int lineBreak = whitespace.lastIndexOf('\n');
        if (lineBreak < 0) {
            return "";
        }
        // the file's own line break: CR LF stays CR LF
        return whitespace.substring(
                lineBreak > 0 && whitespace.charAt(lineBreak - 1) == '\r'
                        ? lineBreak - 1
                        : lineBreak);
    }

    private XmlTags.Tag tag(Element element) {
        if (tags == null) {
            tags = XmlTags.of(text);
            order = new IdentityHashMap<>();
            order.put(dom.getDocumentElement(), 0);
            NodeList all = dom.getDocumentElement().getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                order.put((Element) all.item(i), i + 1);
            }
            if (tags.size() != order.size()) {
                throw new IllegalStateException(
                        "The XML text has " + tags.size() + " elements, its DOM " + order.size());
            }
        }
        return tags.get(order.get(element));
    }

    private static Element lastChildElement(Element parent) {
        for (org.w3c.dom.Node n = parent.getLastChild(); n != null; n = n.getPreviousSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }
}
