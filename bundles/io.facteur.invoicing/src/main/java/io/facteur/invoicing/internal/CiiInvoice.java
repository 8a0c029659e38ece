package io.facteur.invoicing.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an issued invoice as UN/CEFACT CII D16B in the Factur-X 1.07 EN 16931 profile (BT-24
 * {@code urn:cen.eu:en16931:2017}), the XML embedded in the Factur-X PDF and the one buyers'
 * platforms check. Elements come in the order the CII schema requires; everything the draft and the
 * seller profile say is carried, and nothing is computed here: the amounts are those of {@link
 * Totals}, so the XML and the PDF cannot disagree.
 */
public final class CiiInvoice {

    /** The specification identifier written in BT-24. */
    public static final String GUIDELINE = "urn:cen.eu:en16931:2017";

    private CiiInvoice() {}

    /** The CII XML of this invoice, UTF-8. */
    public static byte[] write(IssuedInvoice invoice) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter out =
                    XMLOutputFactory.newDefaultFactory()
                            .createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            out.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            write(invoice, new CiiXml(out));
            out.writeEndDocument();
            out.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the CII of " + invoice.number(), e);
        }
        return bytes.toByteArray();
    }

    private static void write(IssuedInvoice invoice, CiiXml xml) throws XMLStreamException {
        Draft draft = invoice.draft();
        xml.root("rsm:CrossIndustryInvoice");
        xml.open("rsm:ExchangedDocumentContext");
        xml.open("ram:GuidelineSpecifiedDocumentContextParameter");
        xml.leaf("ram:ID", GUIDELINE);
        xml.close();
        xml.close();
        xml.open("rsm:ExchangedDocument");
        xml.leaf("ram:ID", invoice.number());
        xml.leaf("ram:TypeCode", draft.creditNote() ? "381" : "380");
        xml.date("ram:IssueDateTime", "udt:DateTimeString", invoice.issueDate());
        for (String note : draft.notes()) {
            note(xml, note, "");
        }
        note(xml, invoice.seller().legalMentions(), "REG");
        note(xml, invoice.seller().latePaymentText(), "PMD");
        xml.close();
        xml.open("rsm:SupplyChainTradeTransaction");
        for (int i = 0; i < draft.lines().size(); i++) {
            CiiLines.line(xml, i, draft.lines().get(i), invoice.totals().lineNets().get(i));
        }
        CiiParties.agreement(xml, invoice);
        CiiParties.delivery(xml, invoice);
        CiiSettlement.settlement(xml, invoice);
        xml.close();
        xml.close();
    }

    private static void note(CiiXml xml, String content, String subject) throws XMLStreamException {
        if (content.isEmpty()) {
            return;
        }
        xml.open("ram:IncludedNote");
        xml.leaf("ram:Content", content);
        xml.optional("ram:SubjectCode", subject);
        xml.close();
    }
}
