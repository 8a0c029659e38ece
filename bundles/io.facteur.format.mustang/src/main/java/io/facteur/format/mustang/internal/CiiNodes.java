package io.facteur.format.mustang.internal;

import io.facteur.api.UnreadableInvoiceException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Walks a CII tree by local names. Each step may list alternatives separated by {@code |}, which is
 * how one path serves both CII D16B (Factur-X, ZUGFeRD 2.x, XRechnung) and ZUGFeRD 1.0, whose
 * elements carry other names and namespaces for the same business terms.
 */
final class CiiNodes {

    private static final DateTimeFormatter FORMAT_102 = DateTimeFormatter.BASIC_ISO_DATE;

    private CiiNodes() {}

    /** The first element at the end of the path, if any. */
    static Optional<Element> first(Element from, String... path) {
        List<Element> all = all(from, path);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every element at the end of the path, in document order. */
    static List<Element> all(Element from, String... path) {
        List<Element> current = List.of(from);
        for (String step : path) {
            Set<String> names = Set.of(step.split("\\|"));
            List<Element> next = new ArrayList<>();
            for (Element element : current) {
                for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element child && names.contains(child.getLocalName())) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** The trimmed text at the end of the path, empty when absent. */
    static String text(Element from, String... path) {
        return first(from, path).map(e -> e.getTextContent().strip()).orElse("");
    }

    /** The amount or quantity at the end of the path, null when absent. */
    static BigDecimal decimal(Element from, String... path) throws UnreadableInvoiceException {
        Optional<Element> element = first(from, path);
        return element.isEmpty() ? null : decimal(element.get());
    }

    /** The element's text as a decimal, null when empty. */
    static BigDecimal decimal(Element element) throws UnreadableInvoiceException {
        String text = element.getTextContent().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new UnreadableInvoiceException(
                    "The amount '" + text + "' in " + element.getLocalName() + " is not a number");
        }
    }

    /** A date written as a CII DateTimeString (format 102, YYYYMMDD), null when absent. */
    static LocalDate date(Element from, String... path) throws UnreadableInvoiceException {
        String text = text(from, path);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text, FORMAT_102);
        } catch (DateTimeParseException e) {
            throw new UnreadableInvoiceException(
                    "The date '" + text + "' is not in the CII format 102 (YYYYMMDD)");
        }
    }
}
