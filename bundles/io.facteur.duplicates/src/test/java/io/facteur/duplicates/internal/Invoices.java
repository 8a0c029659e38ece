package io.facteur.duplicates.internal;

import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Semantic invoices for the tests, changed one field at a time. */
record Invoices(
        String number,
        LocalDate issueDate,
        String typeCode,
        String vatId,
        String legalId,
        String sellerName,
        String payable,
        String currency) {

    /** The values of corpus twin 01.01a (CII and UBL) as the CII reader gives them. */
    static Invoices twin0101a() {
        return new Invoices(
                "123456XX",
                LocalDate.of(2016, 4, 4),
                "380",
                "DE 123456789",
                "",
                "[Seller name]",
                "336.90",
                "EUR");
    }

    Invoices number(String n) {
        return new Invoices(n, issueDate, typeCode, vatId, legalId, sellerName, payable, currency);
    }

    Invoices issueDate(LocalDate d) {
        return new Invoices(number, d, typeCode, vatId, legalId, sellerName, payable, currency);
    }

    Invoices typeCode(String t) {
        return new Invoices(number, issueDate, t, vatId, legalId, sellerName, payable, currency);
    }

    Invoices seller(String vat, String legal, String name) {
        return new Invoices(number, issueDate, typeCode, vat, legal, name, payable, currency);
    }

    Invoices payable(String p) {
        return new Invoices(number, issueDate, typeCode, vatId, legalId, sellerName, p, currency);
    }

    Invoices currency(String c) {
        return new Invoices(number, issueDate, typeCode, vatId, legalId, sellerName, payable, c);
    }

    Invoice invoice() {
        Party seller = new Party(sellerName, "", legalId, vatId, "", null);
        Party buyer = new Party("Buyer", "", "", "", "", null);
        BigDecimal amount = payable == null ? null : new BigDecimal(payable);
        DocumentTotals totals =
                new DocumentTotals(
                        amount, null, null, amount, null, null, amount, null, null, amount);
        return new Invoice(
                number, issueDate, typeCode, currency, null, "", "", seller, buyer, List.of(),
                List.of(), totals);
    }
}
