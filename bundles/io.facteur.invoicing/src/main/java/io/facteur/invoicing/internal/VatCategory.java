package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The VAT category codes EN 16931 allows (UNTDID 5305 subset, BT-151), with what each one demands
 * of its rate and of the parties, so that the check, the totals and the CII agree on one reading.
 */
enum VatCategory {
    /** Standard rate: a rate above zero. */
    S(Rate.POSITIVE, ""),
    /** Zero rated goods. */
    Z(Rate.ZERO, ""),
    /** Exempt from VAT. */
    E(Rate.ZERO, ""),
    /** Reverse charge (autoliquidation). */
    AE(Rate.ZERO, "VATEX-EU-AE"),
    /** Intra-community supply. */
    K(Rate.ZERO, "VATEX-EU-IC"),
    /** Export outside the EU. */
    G(Rate.ZERO, "VATEX-EU-G"),
    /** Services outside the scope of VAT. */
    O(Rate.NONE, "VATEX-EU-O"),
    /** Canary Islands general indirect tax (IGIC). */
    L(Rate.ANY, ""),
    /** Ceuta and Melilla tax (IPSI). */
    M(Rate.ANY, "");

    /** What a category allows as its rate. */
    enum Rate {
        POSITIVE,
        ZERO,
        NONE,
        ANY
    }

    private final Rate rate;
    private final String vatexCode;

    VatCategory(Rate rate, String vatexCode) {
        this.rate = rate;
        this.vatexCode = vatexCode;
    }

    /** The category of this code, empty when EN 16931 does not know it. */
    static Optional<VatCategory> of(String code) {
        for (VatCategory category : values()) {
            if (category.name().equals(code)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }

    /** Whether a breakdown of this category states why no VAT is charged (BT-120, BT-121). */
    boolean statesExemption() {
        return this == E || this == AE || this == K || this == G || this == O;
    }

    /** The VATEX code (BT-121) this category implies, empty when it implies none. */
    String vatexCode() {
        return vatexCode;
    }

    /** Whether this rate (null when absent) fits the category. */
    boolean accepts(BigDecimal value) {
        return switch (rate) {
            case POSITIVE ->
                    value != null
                            && value.signum() > 0
                            && value.compareTo(BigDecimal.valueOf(100)) < 0;
            case ZERO -> value != null && value.signum() == 0;
            case NONE -> value == null;
            case ANY ->
                    value != null
                            && value.signum() >= 0
                            && value.compareTo(BigDecimal.valueOf(100)) < 0;
        };
    }

    /** What the category demands of the rate, as the key of a check message. */
    String rateRule() {
        return "rate." + rate.name().toLowerCase(java.util.Locale.ROOT);
    }
}
