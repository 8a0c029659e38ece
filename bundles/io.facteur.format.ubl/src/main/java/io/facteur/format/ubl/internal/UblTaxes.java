package io.facteur.format.ubl.internal;

import io.facteur.api.invoice.VatBreakdown;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxCategoryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSubtotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxTotalType;

/**
 * Reads the UBL TaxTotal groups: the one in the invoice currency carries BT-110 and the VAT
 * breakdown (BG-23), the one in the VAT accounting currency carries BT-111.
 */
final class UblTaxes {

    private UblTaxes() {}

    static BigDecimal taxTotal(List<TaxTotalType> totals, String currency) {
        for (TaxTotalType total : totals) {
            if (total.getTaxAmount() != null
                    && (currency.equals(total.getTaxAmount().getCurrencyID())
                            || total.getTaxAmount().getCurrencyID() == null)) {
                return total.getTaxAmountValue();
            }
        }
        return null;
    }

    static List<VatBreakdown> breakdown(List<TaxTotalType> totals, String currency) {
        List<VatBreakdown> result = new ArrayList<>();
        for (TaxTotalType total : totals) {
            if (total.getTaxAmount() != null
                    && total.getTaxAmount().getCurrencyID() != null
                    && !currency.equals(total.getTaxAmount().getCurrencyID())) {
                continue;
            }
            for (TaxSubtotalType subtotal : total.getTaxSubtotal()) {
                result.add(entry(subtotal));
            }
        }
        return result;
    }

    private static VatBreakdown entry(TaxSubtotalType subtotal) {
        TaxCategoryType category = subtotal.getTaxCategory();
        BigDecimal rate = category == null ? null : category.getPercentValue();
        return new VatBreakdown(
                category == null ? "" : UblParties.orEmpty(category.getIDValue()),
                rate == null ? subtotal.getPercentValue() : rate,
                subtotal.getTaxableAmountValue(),
                subtotal.getTaxAmountValue(),
                category == null || category.getTaxExemptionReason().isEmpty()
                        ? ""
                        : category.getTaxExemptionReason().get(0).getValue().strip());
    }
}
