package io.facteur.format.mustang.internal;

import static io.facteur.format.mustang.internal.CiiNodes.date;
import static io.facteur.format.mustang.internal.CiiNodes.first;
import static io.facteur.format.mustang.internal.CiiNodes.text;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.time.LocalDate;
import org.w3c.dom.Element;

/**
 * Maps a parsed CII document (CII D16B as in Factur-X, ZUGFeRD 2.x and XRechnung, or ZUGFeRD 1.0)
 * to the semantic {@link Invoice}, with the values the document declares.
 */
final class CiiInvoiceMapper {

    static final String CII_NAMESPACE =
            "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    static final String ZUGFERD_1_NAMESPACE = "urn:ferd:CrossIndustryDocument:invoice:1p0";

    private static final String CONTEXT =
            "ExchangedDocumentContext|SpecifiedExchangedDocumentContext";
    private static final String HEADER = "ExchangedDocument|HeaderExchangedDocument";
    private static final String TRANSACTION =
            "SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction";
    private static final String AGREEMENT =
            "ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement";
    private static final String SETTLEMENT =
            "ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement";

    Invoice map(org.w3c.dom.Document document) throws UnreadableInvoiceException {
        Element root = document.getDocumentElement();
        if (!isCii(root)) {
            throw new UnreadableInvoiceException(
                    "This XML is not a CII invoice (its root element is "
                            + root.getLocalName()
                            + " in namespace "
                            + root.getNamespaceURI()
                            + ")");
        }
        String number = text(root, HEADER, "ID");
        if (number.isEmpty()) {
            throw new UnreadableInvoiceException("The invoice has no number (BT-1)");
        }
        LocalDate issueDate = date(root, HEADER, "IssueDateTime", "DateTimeString");
        if (issueDate == null) {
            throw new UnreadableInvoiceException("Invoice " + number + " has no issue date (BT-2)");
        }
        Element transaction = required(root, number, "trade transaction", TRANSACTION);
        Element agreement = required(transaction, number, "trade agreement", AGREEMENT);
        Element settlement = required(transaction, number, "trade settlement", SETTLEMENT);
        String currency = text(settlement, "InvoiceCurrencyCode");
        return new Invoice(
                number,
                issueDate,
                text(root, HEADER, "TypeCode"),
                currency,
                date(settlement, "SpecifiedTradePaymentTerms", "DueDateDateTime", "DateTimeString"),
                text(agreement, "BuyerReference"),
                specification(root),
                party(agreement, "SellerTradeParty"),
                party(agreement, "BuyerTradeParty"),
                CiiLines.lines(transaction),
                CiiVatBreakdown.breakdown(settlement),
                CiiTotals.totals(settlement, currency, text(settlement, "TaxCurrencyCode")));
    }

    /** BT-24, the specification identifier (guideline) the document declares. */
    static String specification(Element root) {
        return text(root, CONTEXT, "GuidelineSpecifiedDocumentContextParameter", "ID");
    }

    static boolean isCii(Element root) {
        return CII_NAMESPACE.equals(root.getNamespaceURI())
                        && "CrossIndustryInvoice".equals(root.getLocalName())
                || ZUGFERD_1_NAMESPACE.equals(root.getNamespaceURI())
                        && "CrossIndustryDocument".equals(root.getLocalName());
    }

    private static Party party(Element agreement, String name) {
        return first(agreement, name).map(CiiParties::party).orElse(null);
    }

    private static Element required(Element from, String number, String what, String step)
            throws UnreadableInvoiceException {
        return first(from, step)
                .orElseThrow(
                        () ->
                                new UnreadableInvoiceException(
                                        "Invoice "
                                                + number
                                                + " has no "
                                                + what
                                                + " ("
                                                + step
                                                + ")"));
    }
}
