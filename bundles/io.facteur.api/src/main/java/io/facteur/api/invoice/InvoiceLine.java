package io.facteur.api.invoice;

import java.math.BigDecimal;

/**
 * One invoice line (BG-25).
 *
 * @param id BT-126 line id
 * @param quantity BT-129 invoiced quantity
 * @param unitCode BT-130 unit of measure
 * @param netAmount BT-131 line net amount
 * @param netPrice BT-146 item net price
 * @param itemName BT-153 item name
 * @param vatCategory BT-151 VAT category code
 * @param vatRate BT-152 VAT rate in percent, null when not applicable
 */
public record InvoiceLine(
        String id,
        BigDecimal quantity,
        String unitCode,
        BigDecimal netAmount,
        BigDecimal netPrice,
        String itemName,
        String vatCategory,
        BigDecimal vatRate) {}
