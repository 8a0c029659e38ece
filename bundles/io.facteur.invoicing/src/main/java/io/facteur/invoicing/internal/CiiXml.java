package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes CII elements by qualified name ({@code ram:Name}) on a StAX writer, with the number and
 * date forms EN 16931 expects: amounts with two decimals, prices with two to four, dates in format
 * 102. Empty optional values write nothing, since CII forbids empty elements.
 */
final class CiiXml {

    static final String RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    static final String RAM =
            "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    static final String QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
    static final String UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    private static final Map<String, String> NAMESPACES =
            Map.of("rsm", RSM, "ram", RAM, "qdt", QDT, "udt", UDT);

    private final XMLStreamWriter out;

    CiiXml(XMLStreamWriter out) {
        this.out = out;
    }

    /** Starts the root element and declares the four CII namespaces on it. */
    void root(String name) throws XMLStreamException {
        open(name);
        for (Map.Entry<String, String> ns : new java.util.TreeMap<>(NAMESPACES).entrySet()) {
            out.writeNamespace(ns.getKey(), ns.getValue());
        }
    }

    void open(String name) throws XMLStreamException {
        int colon = name.indexOf(':');
        String prefix = name.substring(0, colon);
        out.writeStartElement(prefix, name.substring(colon + 1), NAMESPACES.get(prefix));
    }

    void close() throws XMLStreamException {
        out.writeEndElement();
    }

    void leaf(String name, String text) throws XMLStreamException {
        open(name);
        out.writeCharacters(text);
        close();
    }

    void leaf(String name, String text, String attribute, String value) throws XMLStreamException {
        open(name);
        out.writeAttribute(attribute, value);
        out.writeCharacters(text);
        close();
    }

    /** The element when the text is not empty. */
    void optional(String name, String text) throws XMLStreamException {
        if (text != null && !text.isEmpty()) {
            leaf(name, text);
        }
    }

    /** {@code <container><udt:DateTimeString format="102">} or its qdt form. */
    void date(String container, String dateElement, LocalDate date) throws XMLStreamException {
        open(container);
        leaf(dateElement, date.format(DateTimeFormatter.BASIC_ISO_DATE), "format", "102");
        close();
    }

    void indicator(boolean charge) throws XMLStreamException {
        open("ram:ChargeIndicator");
        leaf("udt:Indicator", String.valueOf(charge));
        close();
    }

    static String amount(BigDecimal value) {
        return InvoiceCalculator.money(value).toPlainString();
    }

    static String price(BigDecimal value) {
        int decimals = Math.min(4, Math.max(2, LineChecks.decimals(value)));
        return value.setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    static String quantity(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    static String rate(BigDecimal value) {
        return InvoiceCalculator.rate(value).toPlainString();
    }
}
