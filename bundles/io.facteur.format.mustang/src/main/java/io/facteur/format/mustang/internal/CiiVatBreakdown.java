package io.facteur.format.mustang.internal;

import static io.facteur.format.mustang.internal.CiiNodes.all;
import static io.facteur.format.mustang.internal.CiiNodes.decimal;
import static io.facteur.format.mustang.internal.CiiNodes.text;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.VatBreakdown;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/** Maps the header ApplicableTradeTax entries (BG-23) as declared, never recomputed. */
final class CiiVatBreakdown {

    private CiiVatBreakdown() {}

    static List<VatBreakdown> breakdown(Element settlement) throws UnreadableInvoiceException {
        List<VatBreakdown> result = new ArrayList<>();
        for (Element tax : all(settlement, "ApplicableTradeTax")) {
            result.add(
                    new VatBreakdown(
                            text(tax, "CategoryCode"),
                            decimal(tax, "RateApplicablePercent|ApplicablePercent"),
                            decimal(tax, "BasisAmount"),
                            decimal(tax, "CalculatedAmount"),
                            text(tax, "ExemptionReason")));
        }
        return result;
    }
}
