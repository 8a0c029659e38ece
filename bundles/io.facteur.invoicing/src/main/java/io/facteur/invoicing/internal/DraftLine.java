package io.facteur.invoicing.internal;

import java.math.BigDecimal;

/**
 * One line of a draft (BG-25) as the user typed it.
 *
 * @param description item name (BT-153)
 * @param quantity invoiced quantity (BT-129)
 * @param unit unit of measure, UN/ECE Recommendation 20 or 21 code (BT-130), e.g. C62, HUR, DAY
 * @param unitPrice net price of one unit, before the line allowance (BT-146)
 * @param vatCategory VAT category code, UNTDID 5305 as EN 16931 allows it (BT-151): S, Z, E, AE, K,
 *     G, O, L, M
 * @param vatRate VAT rate in percent (BT-152); zero for Z, E, AE, K, G; absent (null) for O
 * @param allowance line allowance amount (BT-136), may be null
 * @param allowanceReason its reason (BT-139), may be empty
 */
public record DraftLine(
        String description,
        BigDecimal quantity,
        String unit,
        BigDecimal unitPrice,
        String vatCategory,
        BigDecimal vatRate,
        BigDecimal allowance,
        String allowanceReason) {
    public DraftLine {
        description = Address.text(description);
        unit = Address.text(unit).isEmpty() ? "C62" : Address.text(unit);
        vatCategory = Address.text(vatCategory).toUpperCase(java.util.Locale.ROOT);
        allowanceReason = Address.text(allowanceReason);
    }
}
