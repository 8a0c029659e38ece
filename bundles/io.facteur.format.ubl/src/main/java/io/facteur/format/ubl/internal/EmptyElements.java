package io.facteur.format.ubl.internal;

import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementRef;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.List;

/**
 * Removes from a converter's JAXB output (UBL 2.1 or CII D16B) the elements that carry nothing:
 * neither text nor an element that does, as Peppol's PEPPOL-EN16931-R008 (part of XRechnung 3.0)
 * refuses them. An element the schema requires ({@code required} in the JAXB model) is kept while
 * its parent stays; an optional parent holding nothing else goes with it. Attributes do not count:
 * an identifier's scheme without the identifier says nothing.
 */
final class EmptyElements {

    private EmptyElements() {}

    /** Removes the empty optional elements below the document element, recursively. */
    static void remove(Object document) {
        carries(document);
    }

    /**
     * Prunes the element this JAXB object writes.
     *
     * @return true if it still carries text, or an element that does
     */
    private static boolean carries(Object element) {
        boolean carries = false;
        for (Class<?> type = element.getClass();
                type != null && type.isAnnotationPresent(XmlType.class);
                type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        || Modifier.isTransient(field.getModifiers())
                        || field.isSynthetic()
                        || field.isAnnotationPresent(XmlTransient.class)
                        || field.isAnnotationPresent(XmlAttribute.class)
                        || field.isAnnotationPresent(XmlAnyAttribute.class)) {
                    continue;
                }
                field.setAccessible(true);
                carries |=
                        field.isAnnotationPresent(XmlValue.class)
                                ? isText(read(field, element))
                                : pruneChild(field, element);
            }
        }
        return carries;
    }

    private static boolean pruneChild(Field field, Object parent) {
        Object value = read(field, parent);
        boolean required = isRequired(field);
        if (value instanceof List<?> list) {
            Object firstRemoved = null;
            for (Iterator<?> items = list.iterator(); items.hasNext(); ) {
                Object item = items.next();
                if (!carriesValue(item)) {
                    firstRemoved = firstRemoved == null ? item : firstRemoved;
                    items.remove();
                }
            }
            if (list.isEmpty() && required && firstRemoved != null) {
                // the schema wants one: keep it, the parent decides whether it stays
                @SuppressWarnings("unchecked")
                List<Object> kept = (List<Object>) list;
                kept.add(firstRemoved);
                return false;
            }
            return !list.isEmpty();
        }
        if (value == null) {
            return false;
        }
        if (carriesValue(value)) {
            return true;
        }
        if (!required) {
            write(field, parent, null);
        }
        return false;
    }

    private static boolean carriesValue(Object value) {
        if (value instanceof JAXBElement<?> wrapped) {
            return !wrapped.isNil() && carriesValue(wrapped.getValue());
        }
        if (value != null
                && !value.getClass().isEnum()
                && value.getClass().isAnnotationPresent(XmlType.class)) {
            return carries(value);
        }
        return isText(value);
    }

    private static boolean isText(Object value) {
        if (value instanceof String text) {
            return !text.isBlank();
        }
        if (value instanceof byte[] bytes) {
            return bytes.length > 0;
        }
        // numbers, booleans, dates, DOM elements of an extension: there is something to write
        return value != null;
    }

    private static boolean isRequired(Field field) {
        XmlElement element = field.getAnnotation(XmlElement.class);
        XmlElementRef ref = field.getAnnotation(XmlElementRef.class);
        return element != null && element.required() || ref != null && ref.required();
    }

    private static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("JAXB field " + field + " cannot be read", e);
        }
    }

    private static void write(Field field, Object owner, Object value) {
        try {
            field.set(owner, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("JAXB field " + field + " cannot be written", e);
        }
    }
}
