package io.facteur.adapter.fr.internal;

import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Finds the elements an adapter edits, by namespace and local name. */
final class Elements {

    private Elements() {}

    /** The first child element with this namespace and local name, or null. */
    static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
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
    static Element firstChildNotIn(Element parent, Set<String> names) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && !names.contains(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    /**
     * Sets the text of the child element with this name, or adds the element where the schema's
     * order wants it: before the first child whose name is not in {@code before}.
     */
    static void setOrAdd(
            XmlFile xml,
            Element parent,
            String namespace,
            String usualPrefix,
            String localName,
            Set<String> before,
            String value) {
        Element existing = child(parent, namespace, localName);
        if (existing != null) {
            xml.setText(existing, value);
        } else {
            xml.insert(
                    parent,
                    firstChildNotIn(parent, before),
                    xml.element(parent, namespace, usualPrefix, localName, xml.escape(value)));
        }
    }
}
