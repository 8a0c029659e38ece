package io.facteur.api.invoice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Compares two readings of an invoice business term by business term: the source and a copy in
 * another syntax (an export format, a receiver's form). Amounts are equal when their values are
 * ({@code 100.0} and {@code 100.00}); an absent text equals an empty one; an optional total
 * (BT-107, BT-108, BT-113, BT-114) absent in one and zero in the other is equal; text is compared
 * exactly.
 */
public final class BusinessTerms {
    private final List<Difference> differences = new ArrayList<>();

    private BusinessTerms() {}

    /**
     * One business term that differs.
     *
     * @param term the business term, such as {@code BT-1} or {@code BT-131 (line 2)}
     * @param name its name in English
     * @param source the value in the source, as text ({@code null} when absent)
     * @param copy the value in the copy
     */
    public record Difference(String term, String name, String source, String copy) {
        @Override
        public String toString() {
            return term + " " + name + ": " + source + " <> " + copy;
        }
    }

    /** Every business term of the record that differs between the source and the copy. */
    public static List<Difference> differences(Invoice source, Invoice copy) {
        BusinessTerms d = new BusinessTerms();
        d.same("BT-1", "invoice number", source.number(), copy.number());
        d.same("BT-2", "issue date", source.issueDate(), copy.issueDate());
        d.same("BT-3", "type code", source.typeCode(), copy.typeCode());
        d.same("BT-5", "currency", source.currency(), copy.currency());
        d.same("BT-9", "due date", source.dueDate(), copy.dueDate());
        d.same("BT-10", "buyer reference", source.buyerReference(), copy.buyerReference());
        d.same("BT-24", "specification identifier", source.specification(), copy.specification());
        d.party("BG-4", "seller", source.seller(), copy.seller());
        d.party("BG-7", "buyer", source.buyer(), copy.buyer());
        d.lines(source.lines(), copy.lines());
        d.vat(source.vatBreakdown(), copy.vatBreakdown());
        d.totals(source.totals(), copy.totals());
        return List.copyOf(d.differences);
    }

    private void party(String group, String role, Party a, Party b) {
        if (a == null || b == null) {
            same(group, role, a == null ? null : a.name(), b == null ? null : b.name());
            return;
        }
        boolean seller = role.equals("seller");
        same(seller ? "BT-27" : "BT-44", role + " name", a.name(), b.name());
        same(seller ? "BT-29" : "BT-46", role + " identifier", a.identifier(), b.identifier());
        same(
                seller ? "BT-30" : "BT-47",
                role + " legal registration identifier",
                a.legalRegistrationId(),
                b.legalRegistrationId());
        same(seller ? "BT-31" : "BT-48", role + " VAT identifier", a.vatId(), b.vatId());
        same(
                seller ? "BT-34" : "BT-49",
                role + " electronic address",
                a.electronicAddress(),
                b.electronicAddress());
        PostalAddress x = a.address();
        PostalAddress y = b.address();
        if (x == null || y == null) {
            same(seller ? "BG-5" : "BG-8", role + " postal address", x, y);
            return;
        }
        same(seller ? "BT-35" : "BT-50", role + " address line 1", x.line1(), y.line1());
        same(seller ? "BT-36" : "BT-51", role + " address line 2", x.line2(), y.line2());
        same(seller ? "BT-37" : "BT-52", role + " city", x.city(), y.city());
        same(seller ? "BT-38" : "BT-53", role + " post code", x.postCode(), y.postCode());
        same(seller ? "BT-40" : "BT-55", role + " country code", x.countryCode(), y.countryCode());
    }

    private void lines(List<InvoiceLine> a, List<InvoiceLine> b) {
        same("BG-25", "number of invoice lines", a.size(), b.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            InvoiceLine x = a.get(i);
            InvoiceLine y = b.get(i);
            String at = " (line " + (i + 1) + ")";
            same("BT-126" + at, "line identifier", x.id(), y.id());
            amount("BT-129" + at, "invoiced quantity", x.quantity(), y.quantity());
            same("BT-130" + at, "unit of measure", x.unitCode(), y.unitCode());
            amount("BT-131" + at, "line net amount", x.netAmount(), y.netAmount());
            amount("BT-146" + at, "item net price", x.netPrice(), y.netPrice());
            same("BT-153" + at, "item name", x.itemName(), y.itemName());
            same("BT-151" + at, "VAT category", x.vatCategory(), y.vatCategory());
            amount("BT-152" + at, "VAT rate", x.vatRate(), y.vatRate());
        }
    }

    private void vat(List<VatBreakdown> a, List<VatBreakdown> b) {
        same("BG-23", "number of VAT breakdowns", a.size(), b.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            VatBreakdown x = a.get(i);
            VatBreakdown y = b.get(i);
            String at = " (VAT breakdown " + (i + 1) + ")";
            same("BT-118" + at, "VAT category", x.category(), y.category());
            amount("BT-119" + at, "VAT rate", x.rate(), y.rate());
            amount("BT-116" + at, "taxable amount", x.taxableAmount(), y.taxableAmount());
            amount("BT-117" + at, "VAT amount", x.taxAmount(), y.taxAmount());
            same("BT-120" + at, "exemption reason", x.exemptionReason(), y.exemptionReason());
        }
    }

    private void totals(DocumentTotals a, DocumentTotals b) {
        if (a == null || b == null) {
            same("BG-22", "document totals", a == null ? null : "", b == null ? null : "");
            return;
        }
        total("BT-106", "sum of line net amounts", DocumentTotals::lineTotal, a, b, false);
        total("BT-107", "sum of allowances", DocumentTotals::allowanceTotal, a, b, true);
        total("BT-108", "sum of charges", DocumentTotals::chargeTotal, a, b, true);
        total("BT-109", "total without VAT", DocumentTotals::taxExclusive, a, b, false);
        total("BT-110", "VAT total", DocumentTotals::taxTotal, a, b, false);
        total(
                "BT-111",
                "VAT total in accounting currency",
                DocumentTotals::taxTotalAccounting,
                a,
                b,
                false);
        total("BT-112", "total with VAT", DocumentTotals::taxInclusive, a, b, false);
        total("BT-113", "paid amount", DocumentTotals::prepaid, a, b, true);
        total("BT-114", "rounding amount", DocumentTotals::rounding, a, b, true);
        total("BT-115", "amount due", DocumentTotals::payable, a, b, false);
    }

    private void total(
            String term,
            String name,
            Function<DocumentTotals, BigDecimal> amount,
            DocumentTotals a,
            DocumentTotals b,
            boolean zeroWhenAbsent) {
        BigDecimal x = amount.apply(a);
        BigDecimal y = amount.apply(b);
        if (zeroWhenAbsent) {
            x = x == null ? BigDecimal.ZERO : x;
            y = y == null ? BigDecimal.ZERO : y;
        }
        amount(term, name, x, y);
    }

    private void amount(String term, String name, BigDecimal a, BigDecimal b) {
        if (a == null || b == null ? a != b : a.compareTo(b) != 0) {
            differences.add(new Difference(term, name, text(a), text(b)));
        }
    }

    private void same(String term, String name, Object a, Object b) {
        if (!Objects.equals(blankless(a), blankless(b))) {
            differences.add(new Difference(term, name, text(a), text(b)));
        }
    }

    /** An absent text and an empty one say the same. */
    private static Object blankless(Object o) {
        return o instanceof String s && s.isEmpty() ? null : o;
    }

    private static String text(Object o) {
        return o instanceof BigDecimal d ? d.toPlainString() : o == null ? null : o.toString();
    }
}
