package io.facteur.core.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.InvoiceLine;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.PostalAddress;
import io.facteur.api.invoice.VatBreakdown;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DerivedStoreTest {
    private static final String ID = "0b76250c-e8a4-493a-bac9-6ea495db7928";

    @TempDir Path root;
    private DerivedStore store;

    @BeforeEach
    void store() throws IOException {
        store = new DerivedStore(root);
    }

    @Test
    void aSavedInvoiceIsReadBackAsItWas() throws IOException {
        Invoice creditNote = invoice("381");

        store.saveInvoice(ID, creditNote);

        assertThat(store.invoice(ID)).contains(creditNote);
    }

    @Test
    void aSavedReportIsReadBackAsItWas() throws IOException {
        ValidationReport report =
                new ValidationReport(
                        "EN16931-CII 1.3.16",
                        List.of(new Finding("BR-CO-15", Severity.ERROR, "/x", "Totals differ")));

        store.saveReport(ID, report);

        assertThat(store.report(ID)).contains(report);
        assertThat(store.invoice(ID)).isEmpty();
    }

    @Test
    void savingAgainReplaces() throws IOException {
        store.saveInvoice(ID, invoice("380"));
        store.saveInvoice(ID, invoice("381"));

        assertThat(store.invoice(ID)).map(Invoice::isCreditNote).contains(true);
    }

    @Test
    void nothingSavedIsEmpty() throws IOException {
        assertThat(store.invoice(ID)).isEmpty();
        assertThat(store.report(ID)).isEmpty();
    }

    @Test
    void refusesAnIdThatIsNotAnInvoiceId() {
        assertThatThrownBy(() -> store.invoice("../documents"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRenderingIsKeptPerDocumentAndLanguage() throws IOException {
        String sha = "0f".repeat(32);
        byte[] french = "%PDF-1.7 fr".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        store.saveRendering(sha, "fr", french);

        assertThat(store.rendering(sha, "fr"))
                .hasValueSatisfying(pdf -> assertThat(pdf).isEqualTo(french));
        assertThat(store.rendering(sha, "de")).isEmpty();
        assertThat(store.rendering("1e".repeat(32), "fr")).isEmpty();
    }

    @Test
    void savingARenderingAgainReplacesIt() throws IOException {
        String sha = "0f".repeat(32);
        store.saveRendering(sha, "en", new byte[] {1});
        store.saveRendering(sha, "en", new byte[] {2, 3});

        assertThat(store.rendering(sha, "en"))
                .hasValueSatisfying(pdf -> assertThat(pdf).containsExactly(2, 3));
    }

    @Test
    void refusesARenderingKeyThatIsNoHashOrNoLanguage() {
        assertThatThrownBy(() -> store.rendering("../../etc", "fr"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.saveRendering("0f".repeat(32), "../x", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Invoice invoice(String typeCode) {
        PostalAddress address = new PostalAddress("1 rue de la Paix", "", "Paris", "75002", "FR");
        return new Invoice(
                "F-2024-001",
                LocalDate.of(2024, 5, 1),
                typeCode,
                "EUR",
                LocalDate.of(2024, 5, 31),
                "PO-12",
                "urn:cen.eu:en16931:2017",
                new Party("Seller SA", "", "123456789", "FR12123456789", "", address),
                new Party("Buyer SARL", "", "", "", "buyer@example.org", null),
                List.of(
                        new InvoiceLine(
                                "1",
                                new BigDecimal("2"),
                                "C62",
                                new BigDecimal("100.00"),
                                new BigDecimal("50.00"),
                                "Widget",
                                "S",
                                new BigDecimal("20"))),
                List.of(
                        new VatBreakdown(
                                "S",
                                new BigDecimal("20"),
                                new BigDecimal("100.00"),
                                new BigDecimal("20.00"),
                                "")),
                new DocumentTotals(
                        new BigDecimal("100.00"),
                        null,
                        null,
                        new BigDecimal("100.00"),
                        new BigDecimal("20.00"),
                        null,
                        new BigDecimal("120.00"),
                        null,
                        null,
                        new BigDecimal("120.00")));
    }
}
