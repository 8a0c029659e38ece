package io.facteur.format.mustang.internal;

import static io.facteur.format.mustang.internal.CiiNodes.all;
import static io.facteur.format.mustang.internal.CiiNodes.decimal;
import static io.facteur.format.mustang.internal.CiiNodes.first;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.DocumentTotals;
import java.math.BigDecimal;
import java.util.List;
import org.w3c.dom.Element;

/** Maps the header monetary summation (BG-22) exactly as the document declares it. */
final class CiiTotals {

    private static final String SUMMATION =
            "SpecifiedTradeSettlementHeaderMonetarySummation"
                    + "|SpecifiedTradeSettlementMonetarySummation";

    private CiiTotals() {}

    static DocumentTotals totals(Element settlement, String currency, String taxCurrency)
            throws UnreadableInvoiceException {
        Element sum = first(settlement, SUMMATION).orElse(null);
        if (sum == null) {
            throw new UnreadableInvoiceException(
                    "The invoice has no document totals (BG-22, monetary summation)");
        }
        List<Element> taxTotals = all(sum, "TaxTotalAmount");
        return new DocumentTotals(
                decimal(sum, "LineTotalAmount"),
                decimal(sum, "AllowanceTotalAmount"),
                decimal(sum, "ChargeTotalAmount"),
                decimal(sum, "TaxBasisTotalAmount"),
                taxTotal(taxTotals, currency, true),
                taxCurrency.isEmpty() || taxCurrency.equals(currency)
                        ? null
                        : taxTotal(taxTotals, taxCurrency, false),
                decimal(sum, "GrandTotalAmount"),
                decimal(sum, "TotalPrepaidAmount"),
                decimal(sum, "RoundingAmount"),
                decimal(sum, "DuePayableAmount"));
    }

    /**
     * BT-110 is the TaxTotalAmount in the invoice currency, BT-111 the one in the VAT accounting
     * currency; a TaxTotalAmount without currencyID counts as the invoice currency.
     */
    private static BigDecimal taxTotal(
            List<Element> taxTotals, String currency, boolean acceptUnmarked)
            throws UnreadableInvoiceException {
        for (Element taxTotal : taxTotals) {
            String marked = taxTotal.getAttribute("currencyID");
            if (marked.equals(currency) || (acceptUnmarked && marked.isEmpty())) {
                return decimal(taxTotal);
            }
        }
        return null;
    }
}
