package io.facteur.invoicing.internal;

import java.math.BigDecimal;

/**
 * A document-level allowance (BG-20) or charge (BG-21).
 *
 * @param charge true for a charge, false for an allowance
 * @param amount the amount, positive (BT-92, BT-99)
 * @param reason why (BT-97, BT-104)
 * @param vatCategory VAT category of the amount (BT-95, BT-102)
 * @param vatRate its VAT rate in percent (BT-96, BT-103); null for category O
 */
public record DocumentAdjustment(
        boolean charge, BigDecimal amount, String reason, String vatCategory, BigDecimal vatRate) {
    public DocumentAdjustment {
        reason = Address.text(reason);
        vatCategory = Address.text(vatCategory).toUpperCase(java.util.Locale.ROOT);
    }
}
