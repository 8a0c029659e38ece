package io.facteur.invoicing.internal;

import static io.facteur.invoicing.internal.SampleDrafts.line;
import static io.facteur.invoicing.internal.SampleDrafts.seller;
import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.Components;
import io.facteur.adapterkit.ProjectValidators;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.InvoiceLine;
import io.facteur.api.invoice.Party;
import io.facteur.api.invoice.VatBreakdown;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invoices of every VAT category, with allowances, charges, a credit note, foreign currencies and
 * each language, written as CII, then validated by the project's validators and read back by its
 * CII reader: what Facteur issues must pass the rules it applies to what it receives, and say what
 * the issued invoice says.
 */
class CiiInvoiceTest {

    private static Components components;
    private static ProjectValidators validators;

    @BeforeAll
    static void loadComponents() {
        components = Components.onClassPath();
        validators = new ProjectValidators(components);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.facteur.invoicing.internal.GeneratedInvoices#invoices")
    void isValidEn16931AndReadsBackAsIssued(String name, SellerProfile seller, Draft draft)
            throws Exception {
        assertThat(DraftCheck.check(draft, seller, Locale.ENGLISH)).as("draft check").isEmpty();
        IssuedInvoice issued = SampleDrafts.issue(draft, seller, "F-2026-0042");
        Document document =
                new Document("F-2026-0042.xml", "application/xml", CiiInvoice.write(issued));

        InvoiceReader reader = ciiReader(document);
        Syntax syntax = reader.detect(document).orElseThrow();
        assertThat(syntax.profile()).isEqualTo(CiiInvoice.GUIDELINE);
        Invoice read = reader.read(document);

        List<ValidationReport> reports = validators.validate(document, read, syntax);
        assertThat(reports)
                .extracting(ValidationReport::ruleSet)
                .anyMatch(r -> r.startsWith("EN16931-CII"));
        for (ValidationReport report : reports) {
            assertThat(report.findings())
                    .as(report.ruleSet() + " on " + new String(document.content(), "UTF-8"))
                    .noneMatch(f -> f.severity() == ValidationReport.Severity.ERROR);
        }
        assertReadsAsIssued(read, issued);
    }

    @Test
    void writesTheSellersLegalMentionsAndLatePaymentTextAsNotes() throws Exception {
        IssuedInvoice issued =
                SampleDrafts.issue(
                        SampleDrafts.invoice(List.of(line("a", "1", "1", "S", "20"))),
                        seller(),
                        "F-1");
        String xml = new String(CiiInvoice.write(issued), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml)
                .contains(
                        "<ram:Content>SAS au capital de 10 000 EUR, RCS Lyon 732 829 320</ram:Content><ram:SubjectCode>REG</ram:SubjectCode>")
                .contains("<ram:SubjectCode>PMD</ram:SubjectCode>")
                .contains("<ram:IBANID>FR7630006000011234567890189</ram:IBANID>")
                .contains("<ram:BICID>AGRIFRPP</ram:BICID>")
                .contains("<ram:TradingBusinessName>Facteur Conseil</ram:TradingBusinessName>")
                .contains("<ram:IssuerAssignedID>PO-4711</ram:IssuerAssignedID>")
                .contains("<ram:BuyerReference>BM-2026-17</ram:BuyerReference>");
    }

    @Test
    void writesAmountsPricesQuantitiesAndRatesPlainly() {
        IssuedInvoice issued =
                SampleDrafts.issue(
                        SampleDrafts.invoice(
                                List.of(
                                        line("a", "3.50", "120", "S", "5.5"),
                                        line("b", "1E+3", "1.4285", "S", "20.000"))),
                        seller(),
                        "F-3");
        String xml = new String(CiiInvoice.write(issued), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<ram:BilledQuantity unitCode=\"C62\">3.5</ram:BilledQuantity>")
                .contains("<ram:BilledQuantity unitCode=\"C62\">1000</ram:BilledQuantity>")
                .contains("<ram:ChargeAmount>120.00</ram:ChargeAmount>")
                .contains("<ram:ChargeAmount>1.4285</ram:ChargeAmount>")
                .contains("<ram:LineTotalAmount>420.00</ram:LineTotalAmount>")
                .contains("<ram:LineTotalAmount>1428.50</ram:LineTotalAmount>")
                .contains("<ram:RateApplicablePercent>5.50</ram:RateApplicablePercent>")
                .contains("<ram:RateApplicablePercent>20.00</ram:RateApplicablePercent>")
                .contains("<ram:TaxTotalAmount currencyID=\"EUR\">308.80</ram:TaxTotalAmount>")
                .doesNotContain("E+");
    }

    @Test
    void theValidatorsRefuseAWrongTotal() throws Exception {
        IssuedInvoice issued =
                SampleDrafts.issue(
                        SampleDrafts.invoice(List.of(line("a", "2", "10", "S", "20"))),
                        seller(),
                        "F-2");
        String xml = new String(CiiInvoice.write(issued), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:GrandTotalAmount>24.00</ram:GrandTotalAmount>");
        byte[] tampered =
                xml.replace(
                                "<ram:GrandTotalAmount>24.00</ram:GrandTotalAmount>",
                                "<ram:GrandTotalAmount>24.01</ram:GrandTotalAmount>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Document document = new Document("F-2.xml", "application/xml", tampered);
        InvoiceReader reader = ciiReader(document);
        Syntax syntax = reader.detect(document).orElseThrow();
        List<ValidationReport> reports =
                validators.validate(document, reader.read(document), syntax);
        assertThat(reports)
                .filteredOn(r -> r.ruleSet().startsWith("EN16931-CII"))
                .flatExtracting(ValidationReport::findings)
                .anyMatch(
                        f ->
                                f.rule().contains("BR-CO-15")
                                        && f.severity() == ValidationReport.Severity.ERROR);
    }

    private static InvoiceReader ciiReader(Document document) {
        for (InvoiceReader reader : components.provide(InvoiceReader.class)) {
            Optional<Syntax> syntax = reader.detect(document);
            if (syntax.isPresent() && "CII".equals(syntax.get().syntax())) {
                return reader;
            }
        }
        throw new AssertionError("no CII reader on the class path");
    }

    private static void assertReadsAsIssued(Invoice read, IssuedInvoice issued) {
        Draft draft = issued.draft();
        Totals totals = issued.totals();
        assertThat(read.number()).isEqualTo(issued.number());
        assertThat(read.issueDate()).isEqualTo(issued.issueDate());
        assertThat(read.dueDate()).isEqualTo(issued.dueDate());
        assertThat(read.typeCode()).isEqualTo(draft.creditNote() ? "381" : "380");
        assertThat(read.isCreditNote()).isEqualTo(draft.creditNote());
        assertThat(read.currency()).isEqualTo(draft.currency());
        assertThat(read.buyerReference()).isEqualTo(draft.buyer().buyerReference());
        boolean notSubject = LineChecks.usesCategoryO(draft);
        SellerProfile seller = issued.seller();
        Party readSeller = read.seller();
        assertThat(readSeller.name()).isEqualTo(seller.legalName());
        assertThat(readSeller.identifier()).isEqualTo(seller.siret());
        assertThat(readSeller.legalRegistrationId()).isEqualTo(seller.siren());
        assertThat(readSeller.vatId()).isEqualTo(notSubject ? "" : seller.vatId());
        assertThat(readSeller.electronicAddress()).isEqualTo(seller.email());
        assertThat(readSeller.address().countryCode()).isEqualTo(seller.address().countryCode());
        assertThat(readSeller.address().city()).isEqualTo(seller.address().city());
        Party readBuyer = read.buyer();
        assertThat(readBuyer.name()).isEqualTo(draft.buyer().name());
        assertThat(readBuyer.legalRegistrationId()).isEqualTo(draft.buyer().legalId());
        assertThat(readBuyer.vatId()).isEqualTo(notSubject ? "" : draft.buyer().vatId());
        assertThat(readBuyer.electronicAddress()).isEqualTo(draft.buyer().email());
        assertThat(readBuyer.address().postCode()).isEqualTo(draft.buyer().address().postcode());

        assertThat(read.lines()).hasSize(draft.lines().size());
        for (int i = 0; i < draft.lines().size(); i++) {
            InvoiceLine line = read.lines().get(i);
            DraftLine written = draft.lines().get(i);
            assertThat(line.id()).isEqualTo(String.valueOf(i + 1));
            assertThat(line.itemName()).isEqualTo(written.description());
            assertThat(line.quantity()).isEqualByComparingTo(written.quantity());
            assertThat(line.unitCode()).isEqualTo(written.unit());
            assertThat(line.netPrice()).isEqualByComparingTo(written.unitPrice());
            assertThat(line.netAmount()).isEqualByComparingTo(totals.lineNets().get(i));
            assertThat(line.vatCategory()).isEqualTo(written.vatCategory());
            assertSameRate(line.vatRate(), written.vatRate());
        }
        assertThat(read.vatBreakdown()).hasSize(totals.vat().size());
        for (int i = 0; i < totals.vat().size(); i++) {
            VatBreakdown vat = read.vatBreakdown().get(i);
            Totals.VatGroup group = totals.vat().get(i);
            assertThat(vat.category()).isEqualTo(group.category());
            assertSameRate(vat.rate(), group.rate());
            assertThat(vat.taxableAmount()).isEqualByComparingTo(group.taxable());
            assertThat(vat.taxAmount()).isEqualByComparingTo(group.tax());
            assertThat(vat.exemptionReason()).isEqualTo(group.exemptionReason());
        }
        var sums = read.totals();
        assertThat(sums.lineTotal()).isEqualByComparingTo(totals.lineTotal());
        assertThat(sums.allowanceTotal()).isEqualByComparingTo(totals.allowanceTotal());
        assertThat(sums.chargeTotal()).isEqualByComparingTo(totals.chargeTotal());
        assertThat(sums.taxExclusive()).isEqualByComparingTo(totals.taxExclusive());
        assertThat(sums.taxTotal()).isEqualByComparingTo(totals.taxTotal());
        assertThat(sums.taxInclusive()).isEqualByComparingTo(totals.taxInclusive());
        assertThat(sums.payable()).isEqualByComparingTo(totals.payable());
        assertThat(sums.prepaid()).isNull();
    }

    private static void assertSameRate(BigDecimal read, BigDecimal written) {
        if (written == null) {
            assertThat(read).isNull();
        } else {
            assertThat(read).isEqualByComparingTo(written);
        }
    }
}
