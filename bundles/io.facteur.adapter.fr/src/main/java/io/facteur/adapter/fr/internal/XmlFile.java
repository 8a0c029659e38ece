package io.facteur.adapter.fr.internal;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.SafeXml;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An invoice XML file and the few edits an adapter makes to it. The file is parsed safely into a
 * DOM, where the adapter finds what to change (namespaces respected); the edits are then made in
 * the original text itself, so that everything else stays byte for byte as it came (attribute order
 * and quoting, line breaks, comments, the declaration), in the encoding it came in.
 */
final class XmlFile {

    /** Larger invoice XML is refused: it is held in memory a few times. */
    static final int MAX_BYTES = 20 * 1024 * 1024;

    private record Edit(int from, int to, String replacement, int sequence) {}

    private final String text;
    private final Charset charset;
    private final Document dom;
    private final List<Edit> edits = new ArrayList<>();
    private List<Tags.Tag> tags;
    private Map<Element, Integer> order;

    private XmlFile(String text, Charset charset, Document dom) {
        this.text = text;
        this.charset = charset;
        this.dom = dom;
    }

    static XmlFile parse(byte[] xml, Messages messages) throws UnreadableInvoiceException {
        if (xml.length > MAX_BYTES) {
            throw new UnreadableInvoiceException(
                    messages.format("xml.tooLarge", xml.length, MAX_BYTES));
        }
        Document dom = SafeXml.parse(xml);
        String name = dom.getXmlEncoding() != null ? dom.getXmlEncoding() : dom.getInputEncoding();
        Charset charset;
        try {
            charset = name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnreadableInvoiceException(messages.format("xml.encoding", name), e);
        }
        return new XmlFile(new String(xml, charset), charset, dom);
    }

    Element root() {
        return dom.getDocumentElement();
    }

    /** Replaces the content of the element by this text. */
    void setText(Element element, String value) {
        Tags.Tag tag = tag(element);
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

    /**
     * Inserts markup as a child of the parent, before the reference child (after the last child
     * when null), on its own line indented like its neighbour.
     */
    void insert(Element parent, Element reference, String markup) {
        if (reference != null) {
            int at = tag(reference).start();
            edits.add(edit(at, at, markup + indentBefore(at)));
            return;
        }
        Tags.Tag parentTag = tag(parent);
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
    String element(
            Element parent, String namespace, String usualPrefix, String localName, String inner) {
        String prefix = parent.lookupPrefix(namespace);
        String declaration = "";
        if (prefix == null && !parent.isDefaultNamespace(namespace)) {
            prefix = usualPrefix;
            declaration =
                    " " + XMLConstants.XMLNS_ATTRIBUTE + ":" + prefix + "=\"" + namespace + "\"";
        }
        String name = prefix == null ? localName : prefix + ":" + localName;
        return "<" + name + declaration + ">" + inner + "</" + name + ">";
    }

    /** Text as element content, each character the encoding cannot hold as a reference. */
    String escape(String value) {
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
    byte[] bytes() {
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

    private Tags.Tag tag(Element element) {
        if (tags == null) {
            tags = Tags.of(text);
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
