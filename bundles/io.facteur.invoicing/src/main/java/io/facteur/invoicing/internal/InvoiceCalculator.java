package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes the totals of a draft the way EN 16931 checks them (BR-CO-10 to BR-CO-17 and the VAT
 * breakdown rules BR-S-08, BR-Z-08, ... of each category), so that what Facteur issues passes the
 * validators it applies to what it receives. Each line net is the rounded quantity times price less
 * the rounded line allowance; each VAT group's tax is computed once on its taxable amount, never
 * summed from lines.
 *
 * <p>The exemption reason of a group (BT-120) is the default text of the invoice's language unless
 * {@link Draft#exemptionReasons()} gives one for the category. Such a text may start with a VATEX
 * code and a colon ({@code "VATEX-EU-132: ..."}) to give the code (BT-121) too, or be a code alone.
 */
public final class InvoiceCalculator {

    private static final Pattern CODED_REASON =
            Pattern.compile("(?s)(VATEX-[A-Z0-9-]+)\\s*(?::\\s*(.*))?");

    private InvoiceCalculator() {}

    /** The totals of a draft, with exemption texts in the draft's language. */
    public static Totals totals(Draft draft) {
        return totals(draft, draft.language());
    }

    /**
     * The totals of a draft whose lines and adjustments {@link DraftCheck} accepted.
     *
     * @param language ISO 639-1 language of the default exemption texts (fr, en, de)
     * @throws IllegalArgumentException for an amount missing or a VAT category unknown
     */
    public static Totals totals(Draft draft, String language) {
        Map<GroupKey, BigDecimal[]> groups = new TreeMap<>(GroupKey.ORDER);
        List<BigDecimal> lineNets = new ArrayList<>();
        BigDecimal lineTotal = zero();
        for (DraftLine line : draft.lines()) {
            BigDecimal net = lineNet(line);
            lineNets.add(net);
            lineTotal = lineTotal.add(net);
            add(groups, line.vatCategory(), line.vatRate(), net);
        }
        BigDecimal allowances = zero();
        BigDecimal charges = zero();
        for (DocumentAdjustment adjustment : draft.adjustments()) {
            BigDecimal amount = money(Objects.requireNonNull(adjustment.amount(), "amount"));
            if (adjustment.charge()) {
                charges = charges.add(amount);
            } else {
                allowances = allowances.add(amount);
                amount = amount.negate();
            }
            add(groups, adjustment.vatCategory(), adjustment.vatRate(), amount);
        }
        LocalizedTexts texts = LocalizedTexts.of("Vat", language);
        List<Totals.VatGroup> vat = new ArrayList<>();
        BigDecimal taxTotal = zero();
        for (Map.Entry<GroupKey, BigDecimal[]> group : groups.entrySet()) {
            GroupKey key = group.getKey();
            BigDecimal taxable = group.getValue()[0];
            BigDecimal tax =
                    key.rate() == null
                            ? zero()
                            : money(taxable.multiply(key.rate()).movePointLeft(2));
            taxTotal = taxTotal.add(tax);
            String[] exemption = exemption(key.category(), draft, texts);
            vat.add(
                    new Totals.VatGroup(
                            key.category().name(),
                            key.rate(),
                            taxable,
                            tax,
                            exemption[0],
                            exemption[1]));
        }
        BigDecimal taxExclusive = lineTotal.subtract(allowances).add(charges);
        BigDecimal taxInclusive = taxExclusive.add(taxTotal);
        return new Totals(
                List.copyOf(lineNets),
                List.copyOf(vat),
                lineTotal,
                allowances,
                charges,
                taxExclusive,
                taxTotal,
                taxInclusive,
                taxInclusive);
    }

    /** BT-131: round2(quantity x unit price) - round2(line allowance). */
    public static BigDecimal lineNet(DraftLine line) {
        BigDecimal gross =
                money(
                        Objects.requireNonNull(line.quantity(), "quantity")
                                .multiply(Objects.requireNonNull(line.unitPrice(), "unit price")));
        return line.allowance() == null ? gross : gross.subtract(money(line.allowance()));
    }

    /** An amount as EN 16931 carries it: two decimals, half up. */
    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** A rate as the breakdown states it: at least two decimals, null for none. */
    static BigDecimal rate(BigDecimal rate) {
        if (rate == null) {
            return null;
        }
        BigDecimal stripped = rate.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale()));
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }

    private static void add(
            Map<GroupKey, BigDecimal[]> groups, String code, BigDecimal rate, BigDecimal amount) {
        VatCategory category =
                VatCategory.of(code)
                        .orElseThrow(
                                () -> new IllegalArgumentException("unknown VAT category " + code));
        GroupKey key = new GroupKey(category, category == VatCategory.O ? null : rate(rate));
        BigDecimal[] sum = groups.computeIfAbsent(key, k -> new BigDecimal[] {zero()});
        sum[0] = sum[0].add(amount);
    }

    private static String[] exemption(VatCategory category, Draft draft, LocalizedTexts texts) {
        if (!category.statesExemption()) {
            return new String[] {"", ""};
        }
        String reason = texts.text("exemption." + category.name());
        String code = category.vatexCode();
        String given = draft.exemptionReasons().getOrDefault(category.name(), "").strip();
        Matcher coded = CODED_REASON.matcher(given);
        if (coded.matches()) {
            code = coded.group(1);
            String text = coded.group(2) == null ? "" : coded.group(2).strip();
            reason = text.isEmpty() ? reason : text;
        } else if (!given.isEmpty()) {
            reason = given;
        }
        return new String[] {reason, code};
    }

    /** A VAT group: category and rate, ordered as the categories are, higher rates first. */
    private record GroupKey(VatCategory category, BigDecimal rate) {
        static final Comparator<GroupKey> ORDER =
                Comparator.comparing(GroupKey::category)
                        .thenComparing(
                                GroupKey::rate,
                                Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()));
    }
}
