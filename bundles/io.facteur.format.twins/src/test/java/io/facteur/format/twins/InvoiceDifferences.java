package io.facteur.format.twins;

import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.InvoiceLine;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.VatBreakdown;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Lists the business terms in which two semantic invoices differ; amounts are compared by value
 * ({@link BigDecimal#compareTo}), so 100 and 100.00 are the same amount.
 */
final class InvoiceDifferences {

    private final List<String> differences = new ArrayList<>();

    static List<String> between(Invoice a, Invoice b) {
        InvoiceDifferences diff = new InvoiceDifferences();
        diff.header(a, b);
        diff.party("seller", a.seller(), b.seller());
        diff.party("buyer", a.buyer(), b.buyer());
        diff.lines(a.lines(), b.lines());
        diff.vat(a.vatBreakdown(), b.vatBreakdown());
        diff.totals(a.totals(), b.totals());
        return diff.differences;
    }

    private void header(Invoice a, Invoice b) {
        same("BT-1 number", a.number(), b.number());
        same("BT-2 issue date", a.issueDate(), b.issueDate());
        same("BT-3 type code", a.typeCode(), b.typeCode());
        same("BT-5 currency", a.currency(), b.currency());
        same("BT-9 due date", a.dueDate(), b.dueDate());
        same("BT-10 buyer reference", a.buyerReference(), b.buyerReference());
        same("BT-24 specification", a.specification(), b.specification());
    }

    private void party(String role, Party a, Party b) {
        if (a == null || b == null) {
            same(role, a, b);
            return;
        }
        same(role + " name", a.name(), b.name());
        same(role + " VAT id", a.vatId(), b.vatId());
        same(role + " legal registration id", a.legalRegistrationId(), b.legalRegistrationId());
        same(role + " electronic address", a.electronicAddress(), b.electronicAddress());
        same(
                role + " country",
                a.address() == null ? null : a.address().countryCode(),
                b.address() == null ? null : b.address().countryCode());
    }

    private void lines(List<InvoiceLine> a, List<InvoiceLine> b) {
        same("number of lines", a.size(), b.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String line = "line " + (i + 1);
            same(line + " id", a.get(i).id(), b.get(i).id());
            amount(line + " net amount", a.get(i).netAmount(), b.get(i).netAmount());
            amount(line + " quantity", a.get(i).quantity(), b.get(i).quantity());
        }
    }

    private void vat(List<VatBreakdown> a, List<VatBreakdown> b) {
        same("number of VAT breakdowns", a.size(), b.size());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String vat = "VAT breakdown " + (i + 1);
            same(vat + " category", a.get(i).category(), b.get(i).category());
            amount(vat + " rate", a.get(i).rate(), b.get(i).rate());
            amount(vat + " taxable amount", a.get(i).taxableAmount(), b.get(i).taxableAmount());
            amount(vat + " tax amount", a.get(i).taxAmount(), b.get(i).taxAmount());
        }
    }

    private void totals(DocumentTotals a, DocumentTotals b) {
        total("BT-106 line total", DocumentTotals::lineTotal, a, b);
        optional("BT-107 allowances", DocumentTotals::allowanceTotal, a, b);
        optional("BT-108 charges", DocumentTotals::chargeTotal, a, b);
        total("BT-109 total without VAT", DocumentTotals::taxExclusive, a, b);
        total("BT-110 VAT total", DocumentTotals::taxTotal, a, b);
        total("BT-111 VAT total in accounting currency", DocumentTotals::taxTotalAccounting, a, b);
        total("BT-112 total with VAT", DocumentTotals::taxInclusive, a, b);
        optional("BT-113 paid", DocumentTotals::prepaid, a, b);
        optional("BT-114 rounding", DocumentTotals::rounding, a, b);
        total("BT-115 amount due", DocumentTotals::payable, a, b);
    }

    private void total(
            String term,
            Function<DocumentTotals, BigDecimal> amount,
            DocumentTotals a,
            DocumentTotals b) {
        amount(term, amount.apply(a), amount.apply(b));
    }

    /**
     * BT-107, BT-108, BT-113 and BT-114 are optional: one syntax of a twin may omit the amount
     * where the other declares 0.00, which says the same thing.
     */
    private void optional(
            String term,
            Function<DocumentTotals, BigDecimal> amount,
            DocumentTotals a,
            DocumentTotals b) {
        amount(term, orZero(amount.apply(a)), orZero(amount.apply(b)));
    }

    private static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private void amount(String term, BigDecimal a, BigDecimal b) {
        if (a == null || b == null ? a != b : a.compareTo(b) != 0) {
            differences.add(term + ": " + a + " <> " + b);
        }
    }

    private void same(String term, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            differences.add(term + ": " + a + " <> " + b);
        }
    }
}
