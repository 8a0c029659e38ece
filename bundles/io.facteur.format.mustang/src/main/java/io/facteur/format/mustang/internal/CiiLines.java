package io.facteur.format.mustang.internal;

import static io.facteur.format.mustang.internal.CiiNodes.all;
import static io.facteur.format.mustang.internal.CiiNodes.decimal;
import static io.facteur.format.mustang.internal.CiiNodes.first;
import static io.facteur.format.mustang.internal.CiiNodes.text;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.InvoiceLine;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** Maps the CII line items (BG-25) with the amounts they declare. */
final class CiiLines {

    private static final String AGREEMENT =
            "SpecifiedLineTradeAgreement|SpecifiedSupplyChainTradeAgreement";
    private static final String DELIVERY =
            "SpecifiedLineTradeDelivery|SpecifiedSupplyChainTradeDelivery";
    private static final String SETTLEMENT =
            "SpecifiedLineTradeSettlement|SpecifiedSupplyChainTradeSettlement";
    private static final String SUMMATION =
            "SpecifiedTradeSettlementLineMonetarySummation|SpecifiedTradeSettlementMonetarySummation";

    private CiiLines() {}

    static List<InvoiceLine> lines(Element transaction) throws UnreadableInvoiceException {
        List<InvoiceLine> lines = new ArrayList<>();
        for (Element item : all(transaction, "IncludedSupplyChainTradeLineItem")) {
            lines.add(line(item));
        }
        return lines;
    }

    private static InvoiceLine line(Element item) throws UnreadableInvoiceException {
        String unitCode =
                first(item, DELIVERY, "BilledQuantity")
                        .map(q -> q.getAttribute("unitCode"))
                        .orElse("");
        return new InvoiceLine(
                text(item, "AssociatedDocumentLineDocument", "LineID"),
                decimal(item, DELIVERY, "BilledQuantity"),
                unitCode,
                decimal(item, SETTLEMENT, SUMMATION, "LineTotalAmount"),
                decimal(item, AGREEMENT, "NetPriceProductTradePrice", "ChargeAmount"),
                text(item, "SpecifiedTradeProduct", "Name"),
                text(item, SETTLEMENT, "ApplicableTradeTax", "CategoryCode"),
                decimal(
                        item,
                        SETTLEMENT,
                        "ApplicableTradeTax",
                        "RateApplicablePercent|ApplicablePercent"));
    }
}
