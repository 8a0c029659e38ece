package io.facteur.format.ubl.internal;

import io.facteur.api.invoice.InvoiceLine;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CreditNoteLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.InvoiceLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ItemType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PriceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxCategoryType;
import oasis.names.specification.ubl.schema.xsd.unqualifieddatatypes_21.QuantityType;

/** Maps UBL invoice lines and credit note lines (BG-25) with the amounts they declare. */
final class UblLines {

    private UblLines() {}

    static InvoiceLine line(InvoiceLineType line) {
        return line(
                line.getIDValue(),
                line.getInvoicedQuantity(),
                line.getLineExtensionAmountValue(),
                line.getPrice(),
                line.getItem());
    }

    static InvoiceLine line(CreditNoteLineType line) {
        return line(
                line.getIDValue(),
                line.getCreditedQuantity(),
                line.getLineExtensionAmountValue(),
                line.getPrice(),
                line.getItem());
    }

    private static InvoiceLine line(
            String id,
            QuantityType quantity,
            java.math.BigDecimal netAmount,
            PriceType price,
            ItemType item) {
        TaxCategoryType tax =
                item == null || item.getClassifiedTaxCategory().isEmpty()
                        ? null
                        : item.getClassifiedTaxCategory().get(0);
        return new InvoiceLine(
                UblParties.orEmpty(id),
                quantity == null ? null : quantity.getValue(),
                quantity == null ? "" : UblParties.orEmpty(quantity.getUnitCode()),
                netAmount,
                price == null ? null : price.getPriceAmountValue(),
                item == null ? "" : UblParties.orEmpty(item.getNameValue()),
                tax == null ? "" : UblParties.orEmpty(tax.getIDValue()),
                tax == null ? null : tax.getPercentValue());
    }
}
