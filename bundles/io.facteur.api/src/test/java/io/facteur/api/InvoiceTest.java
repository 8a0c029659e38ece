package io.facteur.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.InvoiceLine;
import io.facteur.api.invoice.Party;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceTest {
    private static final Party SELLER =
            new Party("Seller SA", null, "123456789", "FR12", null, null);

    @Test
    void recordIsImmutableEvenWhenTheCallerKeepsItsList() {
        List<InvoiceLine> lines = new ArrayList<>();
        lines.add(
                new InvoiceLine(
                        "1",
                        BigDecimal.ONE,
                        "C62",
                        BigDecimal.TEN,
                        BigDecimal.TEN,
                        "Item",
                        "S",
                        new BigDecimal("20")));
        Invoice invoice = invoice("381", lines);
        lines.clear();

        assertThat(invoice.lines()).hasSize(1);
        assertThatThrownBy(() -> invoice.lines().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(invoice.isCreditNote()).isTrue();
        assertThat(invoice("380", List.of()).isCreditNote()).isFalse();
    }

    @Test
    void numberAndIssueDateAreMandatory() {
        assertThatThrownBy(
                        () ->
                                new Invoice(
                                        null,
                                        LocalDate.now(),
                                        "380",
                                        "EUR",
                                        null,
                                        null,
                                        null,
                                        SELLER,
                                        SELLER,
                                        List.of(),
                                        List.of(),
                                        null))
                .hasMessageContaining("BT-1");
    }

    @Test
    void validationReportIsValidOnlyWithoutErrors() {
        var warning =
                new ValidationReport.Finding("BR-X", ValidationReport.Severity.WARNING, "", "w");
        var error = new ValidationReport.Finding("BR-Y", ValidationReport.Severity.ERROR, "", "e");
        assertThat(new ValidationReport("EN16931", List.of(warning)).valid()).isTrue();
        assertThat(new ValidationReport("EN16931", List.of(warning, error)).valid()).isFalse();
    }

    private static Invoice invoice(String type, List<InvoiceLine> lines) {
        return new Invoice(
                "F-1",
                LocalDate.of(2026, 1, 2),
                type,
                "EUR",
                null,
                null,
                null,
                SELLER,
                SELLER,
                lines,
                List.of(),
                null);
    }
}
