package io.facteur.api.invoice;

import java.math.BigDecimal;

/**
 * The document totals (BG-22) as the document declares them; arithmetic is checked by validators,
 * never recomputed here.
 *
 * @param lineTotal BT-106 sum of line net amounts
 * @param allowanceTotal BT-107 sum of allowances, null when absent
 * @param chargeTotal BT-108 sum of charges, null when absent
 * @param taxExclusive BT-109 total without VAT
 * @param taxTotal BT-110 total VAT, null when absent
 * @param taxTotalAccounting BT-111 total VAT in accounting currency, null when absent
 * @param taxInclusive BT-112 total with VAT
 * @param prepaid BT-113 paid amount, null when absent
 * @param rounding BT-114 rounding amount, null when absent
 * @param payable BT-115 amount due for payment
 */
public record DocumentTotals(
        BigDecimal lineTotal,
        BigDecimal allowanceTotal,
        BigDecimal chargeTotal,
        BigDecimal taxExclusive,
        BigDecimal taxTotal,
        BigDecimal taxTotalAccounting,
        BigDecimal taxInclusive,
        BigDecimal prepaid,
        BigDecimal rounding,
        BigDecimal payable) {}
