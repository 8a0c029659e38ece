package io.facteur.format.ubl.internal;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.DocumentTotals;
import java.util.List;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.MonetaryTotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxTotalType;

/** Maps the UBL LegalMonetaryTotal and TaxTotal amounts (BG-22) exactly as declared. */
final class UblTotals {

    private UblTotals() {}

    static DocumentTotals totals(
            String number,
            MonetaryTotalType total,
            List<TaxTotalType> taxTotals,
            String currency,
            String taxCurrency)
            throws UnreadableInvoiceException {
        if (total == null) {
            throw new UnreadableInvoiceException(
                    "Invoice " + number + " has no document totals (BG-22, LegalMonetaryTotal)");
        }
        return new DocumentTotals(
                total.getLineExtensionAmountValue(),
                total.getAllowanceTotalAmountValue(),
                total.getChargeTotalAmountValue(),
                total.getTaxExclusiveAmountValue(),
                UblTaxes.taxTotal(taxTotals, currency),
                taxCurrency.isEmpty() || taxCurrency.equals(currency)
                        ? null
                        : UblTaxes.taxTotal(taxTotals, taxCurrency),
                total.getTaxInclusiveAmountValue(),
                total.getPrepaidAmountValue(),
                total.getPayableRoundingAmountValue(),
                total.getPayableAmountValue());
    }
}
