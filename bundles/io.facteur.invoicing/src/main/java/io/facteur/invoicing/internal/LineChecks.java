package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of a draft's lines and document-level allowances and charges: amounts, their decimals,
 * VAT categories and rates, and an amount due that is not negative.
 */
final class LineChecks {

    static final int MAX_DESCRIPTION = 1_000;
    static final int QUANTITY_DECIMALS = 4;
    static final int PRICE_DECIMALS = 4;
    static final int AMOUNT_DECIMALS = 2;

    /** Amounts above this are typing mistakes, not invoices: 10^12. */
    static final BigDecimal LIMIT = BigDecimal.TEN.pow(12);

    private static final Pattern UNIT = Pattern.compile("[A-Z0-9]{2,3}");

    private LineChecks() {}

    static void check(Draft draft, ProblemList problems) {
        int before = problems.size();
        List<DraftLine> lines = draft.lines();
        if (lines.isEmpty()) {
            problems.add("/lines", "lines.none");
        } else if (lines.size() > DraftCheck.MAX_LINES) {
            problems.add("/lines", "lines.tooMany", DraftCheck.MAX_LINES);
            return;
        }
        boolean notSubject = usesCategoryO(draft);
        for (int i = 0; i < lines.size(); i++) {
            line(lines.get(i), "/lines/" + i + "/", draft.creditNote(), notSubject, problems);
        }
        List<DocumentAdjustment> adjustments = draft.adjustments();
        for (int i = 0; i < adjustments.size(); i++) {
            adjustment(adjustments.get(i), "/adjustments/" + i + "/", notSubject, problems);
        }
        if (problems.size() == before && !lines.isEmpty()) {
            amountDue(draft, problems);
        }
    }

    static boolean usesCategoryO(Draft draft) {
        return draft.lines().stream().anyMatch(l -> "O".equals(l.vatCategory()))
                || draft.adjustments().stream().anyMatch(a -> "O".equals(a.vatCategory()));
    }

    private static void line(
            DraftLine line,
            String at,
            boolean creditNote,
            boolean notSubject,
            ProblemList problems) {
        if (line.description().isEmpty()) {
            problems.add(at + "description", "required");
        } else if (line.description().length() > MAX_DESCRIPTION) {
            problems.add(at + "description", "description.tooLong", MAX_DESCRIPTION);
        }
        BigDecimal quantity = line.quantity();
        boolean quantityOk = false;
        if (quantity == null) {
            problems.add(at + "quantity", "required");
        } else if (quantity.signum() == 0) {
            problems.add(at + "quantity", "quantity.zero");
        } else if (decimals(quantity) > QUANTITY_DECIMALS) {
            problems.add(at + "quantity", "decimals", QUANTITY_DECIMALS);
        } else if (quantity.abs().compareTo(LIMIT) > 0) {
            problems.add(at + "quantity", "amount.tooLarge");
        } else if (quantity.signum() < 0 && creditNote) {
            problems.add(at + "quantity", "quantity.negativeOnCreditNote");
        } else {
            quantityOk = true;
        }
        if (!UNIT.matcher(line.unit()).matches()) {
            problems.add(at + "unit", "unit.unknown", line.unit());
        }
        BigDecimal price = line.unitPrice();
        boolean priceOk = false;
        if (price == null) {
            problems.add(at + "unitPrice", "required");
        } else if (price.signum() < 0) {
            problems.add(at + "unitPrice", "unitPrice.negative");
        } else if (decimals(price) > PRICE_DECIMALS) {
            problems.add(at + "unitPrice", "decimals", PRICE_DECIMALS);
        } else if (price.compareTo(LIMIT) > 0
                || quantityOk && quantity.multiply(price).abs().compareTo(LIMIT) > 0) {
            problems.add(at + "unitPrice", "amount.tooLarge");
        } else {
            priceOk = true;
        }
        category(line.vatCategory(), line.vatRate(), at, notSubject, problems);
        BigDecimal allowance = line.allowance();
        if (allowance == null || allowance.signum() == 0) {
            return;
        }
        if (allowance.signum() < 0) {
            problems.add(at + "allowance", "allowance.negative");
        } else if (decimals(allowance) > AMOUNT_DECIMALS) {
            problems.add(at + "allowance", "decimals", AMOUNT_DECIMALS);
        } else if (quantityOk && priceOk) {
            BigDecimal gross = InvoiceCalculator.money(quantity.multiply(price));
            if (allowance.compareTo(gross) > 0) {
                problems.add(at + "allowance", "allowance.exceedsLine", gross.toPlainString());
            }
        }
    }

    private static void adjustment(
            DocumentAdjustment adjustment, String at, boolean notSubject, ProblemList problems) {
        BigDecimal amount = adjustment.amount();
        if (amount == null) {
            problems.add(at + "amount", "required");
        } else if (amount.signum() <= 0) {
            problems.add(at + "amount", "adjustment.notPositive");
        } else if (decimals(amount) > AMOUNT_DECIMALS) {
            problems.add(at + "amount", "decimals", AMOUNT_DECIMALS);
        } else if (amount.compareTo(LIMIT) > 0) {
            problems.add(at + "amount", "amount.tooLarge");
        }
        if (adjustment.charge() && adjustment.reason().isEmpty()) {
            problems.add(at + "reason", "reason.required");
        }
        category(adjustment.vatCategory(), adjustment.vatRate(), at, notSubject, problems);
    }

    private static void category(
            String code, BigDecimal rate, String at, boolean notSubject, ProblemList problems) {
        if (code.isEmpty()) {
            problems.add(at + "vatCategory", "required");
            return;
        }
        VatCategory category = VatCategory.of(code).orElse(null);
        if (category == null) {
            problems.add(at + "vatCategory", "vatCategory.unknown", code);
            return;
        }
        if (notSubject && category != VatCategory.O) {
            problems.add(at + "vatCategory", "vatCategory.notWithO");
        }
        if (!category.accepts(rate)) {
            problems.add(at + "vatRate", category.rateRule(), code);
        } else if (rate != null && decimals(rate) > AMOUNT_DECIMALS) {
            problems.add(at + "vatRate", "decimals", AMOUNT_DECIMALS);
        }
    }

    /**
     * Negative quantities (returns) are fine on an invoice as long as the amount due stays zero or
     * more; below that, the document is a credit note.
     */
    private static void amountDue(Draft draft, ProblemList problems) {
        Totals totals = InvoiceCalculator.totals(draft, "en");
        if (totals.payable().signum() >= 0) {
            if (totals.payable().compareTo(LIMIT) > 0) {
                problems.add("/lines", "amount.tooLarge");
            }
            return;
        }
        String payable = totals.payable().toPlainString();
        for (int i = 0; i < draft.lines().size(); i++) {
            if (draft.lines().get(i).quantity().signum() < 0) {
                problems.add("/lines/" + i + "/quantity", "total.negative", payable);
                return;
            }
        }
        for (int i = 0; i < draft.adjustments().size(); i++) {
            if (!draft.adjustments().get(i).charge()) {
                problems.add("/adjustments/" + i + "/amount", "total.negative", payable);
                return;
            }
        }
        problems.add("/lines", "total.negative", payable);
    }

    /** The decimals a number really has: 1.50 has one. */
    static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }
}
