package io.facteur.adapter.de.internal;

import io.facteur.api.UnreadableInvoiceException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The terms XRechnung requires that no adapter may invent: the seller's contact (BG-6, BR-DE-2),
 * the payment instructions (BG-16, BR-DE-1) and both parties' electronic addresses (BT-34, BT-49;
 * PEPPOL-EN16931-R020 and R010, which KoSIT's rules apply). An invoice that lacks one is refused
 * with the terms named, before a file the receiver's rules would reject is written.
 */
final class Requirements {

    /** One required term and where each syntax carries it, as paths of local names. */
    private record Term(String key, String[] ubl, String[] cii) {}

    private static final List<Term> TERMS =
            List.of(
                    new Term(
                            "bg6",
                            new String[] {"AccountingSupplierParty", "Party", "Contact"},
                            new String[] {
                                "SupplyChainTradeTransaction",
                                "ApplicableHeaderTradeAgreement",
                                "SellerTradeParty",
                                "DefinedTradeContact"
                            }),
                    new Term(
                            "bt34",
                            new String[] {"AccountingSupplierParty", "Party", "EndpointID"},
                            new String[] {
                                "SupplyChainTradeTransaction",
                                "ApplicableHeaderTradeAgreement",
                                "SellerTradeParty",
                                "URIUniversalCommunication",
                                "URIID"
                            }),
                    new Term(
                            "bt49",
                            new String[] {"AccountingCustomerParty", "Party", "EndpointID"},
                            new String[] {
                                "SupplyChainTradeTransaction",
                                "ApplicableHeaderTradeAgreement",
                                "BuyerTradeParty",
                                "URIUniversalCommunication",
                                "URIID"
                            }),
                    new Term(
                            "bg16",
                            new String[] {"PaymentMeans"},
                            new String[] {
                                "SupplyChainTradeTransaction",
                                "ApplicableHeaderTradeSettlement",
                                "SpecifiedTradeSettlementPaymentMeans"
                            }));

    private Requirements() {}

    /**
     * Refuses the invoice when a required term is missing.
     *
     * @param ubl true for UBL, false for CII
     */
    static void check(Element root, boolean ubl, Messages messages)
            throws UnreadableInvoiceException {
        List<String> missing = new ArrayList<>();
        for (Term term : TERMS) {
            if (!present(root, ubl ? term.ubl() : term.cii())) {
                missing.add(messages.format("required." + term.key()));
            }
        }
        if (creditTransferWithCardOrDebit(root, ubl)) {
            missing.add(messages.format("required.brde23"));
        }
        if (!missing.isEmpty()) {
            throw new UnreadableInvoiceException(
                    messages.format("required.missing", String.join("; ", missing)));
        }
    }

    /**
     * EN 16931 lets one payment means carry a transfer account, a card and a debited account;
     * XRechnung does not with a credit transfer (BR-DE-23-b), and which of them the buyer should
     * use is not the adapter's to choose.
     */
    private static boolean creditTransferWithCardOrDebit(Element root, boolean ubl) {
        List<Element> means = new ArrayList<>();
        if (ubl) {
            forEachChild(root, "PaymentMeans", means);
        } else {
            Element settlement =
                    childNamed(
                            childNamed(root, "SupplyChainTradeTransaction"),
                            "ApplicableHeaderTradeSettlement");
            forEachChild(settlement, "SpecifiedTradeSettlementPaymentMeans", means);
        }
        for (Element m : means) {
            Element code = childNamed(m, ubl ? "PaymentMeansCode" : "TypeCode");
            String value = code == null ? "" : code.getTextContent().strip();
            boolean transfer = "30".equals(value) || "58".equals(value);
            boolean other =
                    ubl
                            ? childNamed(m, "CardAccount") != null
                                    || childNamed(m, "PaymentMandate") != null
                            : childNamed(m, "ApplicableTradeSettlementFinancialCard") != null
                                    || childNamed(m, "PayerPartyDebtorFinancialAccount") != null;
            if (transfer && other) {
                return true;
            }
        }
        return false;
    }

    private static void forEachChild(Element parent, String localName, List<Element> found) {
        if (parent == null) {
            return;
        }
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
    }

    private static boolean present(Element root, String[] path) {
        Element at = root;
        for (String name : path) {
            at = childNamed(at, name);
            if (at == null) {
                return false;
            }
        }
        return !at.getTextContent().isBlank() || at.getFirstChild() != null;
    }

    private static Element childNamed(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
