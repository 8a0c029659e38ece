package io.facteur.api.invoice;

import java.math.BigDecimal;

/**
 * One VAT breakdown (BG-23).
 *
 * @param category BT-118 VAT category code
 * @param rate BT-119 rate in percent, null for categories without a rate
 * @param taxableAmount BT-116 taxable amount
 * @param taxAmount BT-117 tax amount
 * @param exemptionReason BT-120 exemption reason, empty when none
 */
public record VatBreakdown(
        String category,
        BigDecimal rate,
        BigDecimal taxableAmount,
        BigDecimal taxAmount,
        String exemptionReason) {}
