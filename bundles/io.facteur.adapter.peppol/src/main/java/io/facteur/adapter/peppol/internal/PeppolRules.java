package io.facteur.adapter.peppol.internal;

import io.facteur.api.UnreadableInvoiceException;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Peppol refuses in an invoice that EN 16931 accepts, and that an adapter may not correct
 * because it is a business fact: an invoice type code outside Peppol's list (BT-3, rule
 * PEPPOL-EN16931-P0100) and a GLN whose check digit is wrong (scheme 0088, rule
 * PEPPOL-COMMON-R040). Such an invoice is refused with the value named.
 */
final class PeppolRules {

    /** Invoice type codes (UNCL 1001) Peppol BIS Billing 3.0 allows on invoices. */
    static final Set<String> INVOICE_TYPES =
            Set.of(
                    "71", "80", "82", "84", "102", "218", "219", "326", "331", "380", "382", "383",
                    "384", "386", "388", "393", "395", "553", "575", "623", "780", "817", "870",
                    "875", "876", "877");

    /** Credit note type codes Peppol BIS Billing 3.0 allows. */
    static final Set<String> CREDIT_NOTE_TYPES = Set.of("81", "83", "381", "396", "532");

    /** The GS1 Global Location Number's scheme in the EAS and ICD code lists. */
    static final String GLN = "0088";

    private PeppolRules() {}

    static void check(Element root, Messages messages) throws UnreadableInvoiceException {
        java.util.Set<String> problems = new java.util.LinkedHashSet<>();
        boolean creditNote = "CreditNote".equals(root.getLocalName());
        String typeCode = typeCode(root, creditNote ? "CreditNoteTypeCode" : "InvoiceTypeCode");
        if (!typeCode.isEmpty()
                && !(creditNote ? CREDIT_NOTE_TYPES : INVOICE_TYPES).contains(typeCode)) {
            problems.add(messages.format("rule.typeCode", typeCode));
        }
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (GLN.equals(e.getAttribute("schemeID").strip())) {
                String value = e.getTextContent().strip();
                if (!validGln(value)) {
                    problems.add(messages.format("rule.gln", value));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new UnreadableInvoiceException(
                    messages.format("rule.refused", String.join("; ", problems)));
        }
    }

    /** A GLN: 13 digits whose last is the GS1 check digit of the others. */
    static boolean validGln(String value) {
        if (!value.matches("\\d{13}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = value.charAt(11 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return (10 - sum % 10) % 10 == value.charAt(12) - '0';
    }

    private static String typeCode(Element root, String localName) {
        for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }
}
