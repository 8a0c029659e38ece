package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * What EN 16931 computes from a draft (BG-22, BG-23, the line net amounts), every amount rounded to
 * two decimals half up, the way the rules BR-CO-10 to BR-CO-17 check it.
 *
 * @param lineNets the net amount of each line (BT-131), in the draft's order
 * @param vat the VAT breakdown (BG-23), one group per category and rate, in a stable order
 * @param lineTotal sum of the line net amounts (BT-106)
 * @param allowanceTotal sum of document-level allowances (BT-107)
 * @param chargeTotal sum of document-level charges (BT-108)
 * @param taxExclusive total without VAT (BT-109)
 * @param taxTotal total VAT (BT-110)
 * @param taxInclusive total with VAT (BT-112)
 * @param payable amount due for payment (BT-115)
 */
public record Totals(
        List<BigDecimal> lineNets,
        List<VatGroup> vat,
        BigDecimal lineTotal,
        BigDecimal allowanceTotal,
        BigDecimal chargeTotal,
        BigDecimal taxExclusive,
        BigDecimal taxTotal,
        BigDecimal taxInclusive,
        BigDecimal payable) {

    /**
     * One VAT breakdown group (BG-23).
     *
     * @param category the category code (BT-118)
     * @param rate the rate in percent (BT-119), null for category O
     * @param taxable the taxable amount (BT-116)
     * @param tax the VAT amount (BT-117)
     * @param exemptionReason the exemption reason text (BT-120), empty for S, L, M
     * @param exemptionCode the VATEX code (BT-121), may be empty
     */
    public record VatGroup(
            String category,
            BigDecimal rate,
            BigDecimal taxable,
            BigDecimal tax,
            String exemptionReason,
            String exemptionCode) {}
}
