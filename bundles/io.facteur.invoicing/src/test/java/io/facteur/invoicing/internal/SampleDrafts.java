package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Sellers, buyers and drafts for the tests of the calculator, the check and the CII. */
final class SampleDrafts {

    static final LocalDate ISSUE = LocalDate.of(2026, 3, 12);

    private SampleDrafts() {}

    static SellerProfile seller() {
        return new SellerProfile(
                "Atelier Facteur SAS",
                "Facteur Conseil",
                "732829320",
                "73282932000074",
                "FR44732829320",
                new Address("12 rue des Lilas", "Bâtiment B", "69003", "Lyon", "FR"),
                "factures@atelier-facteur.fr",
                "+33 4 72 00 00 00",
                "FR76 3000 6000 0112 3456 7890 189",
                "AGRIFRPP",
                null,
                "SAS au capital de 10 000 EUR, RCS Lyon 732 829 320",
                "Pénalités de retard : trois fois le taux d'intérêt légal. Indemnité forfaitaire"
                        + " pour frais de recouvrement : 40 EUR.",
                new PaymentTerm(PaymentTerm.Kind.DAYS, 30));
    }

    static Buyer frenchBuyer() {
        return new Buyer(
                "c-1",
                "Boulangerie Martin SARL",
                "552100554",
                "FR32552100554",
                new Address("3 place du Marché", "", "75011", "Paris", "FR"),
                "compta@boulangerie-martin.fr",
                "BM-2026-17",
                "fr");
    }

    static Buyer germanBuyer() {
        return new Buyer(
                "c-2",
                "Müller & Söhne GmbH",
                "HRB 12345",
                "DE123456789",
                new Address("Hauptstraße 5", "", "10115", "Berlin", "DE"),
                "rechnung@mueller-soehne.de",
                "",
                "de");
    }

    static Buyer swissBuyer() {
        return new Buyer(
                "c-3",
                "Horlogerie Favre SA",
                "",
                "",
                new Address("Rue du Rhône 40", "", "1204", "Genève", "CH"),
                "",
                "",
                "fr");
    }

    static DraftLine line(
            String description, String quantity, String price, String category, String rate) {
        return new DraftLine(
                description,
                new BigDecimal(quantity),
                "C62",
                new BigDecimal(price),
                category,
                rate == null ? null : new BigDecimal(rate),
                null,
                "");
    }

    static DraftLine withAllowance(DraftLine line, String allowance, String reason) {
        return new DraftLine(
                line.description(),
                line.quantity(),
                line.unit(),
                line.unitPrice(),
                line.vatCategory(),
                line.vatRate(),
                new BigDecimal(allowance),
                reason);
    }

    static DocumentAdjustment allowance(
            String amount, String reason, String category, String rate) {
        return new DocumentAdjustment(
                false,
                new BigDecimal(amount),
                reason,
                category,
                rate == null ? null : new BigDecimal(rate));
    }

    static DocumentAdjustment charge(String amount, String reason, String category, String rate) {
        return new DocumentAdjustment(
                true,
                new BigDecimal(amount),
                reason,
                category,
                rate == null ? null : new BigDecimal(rate));
    }

    /** An invoice in euros to a French buyer, paid by credit transfer. */
    static Draft invoice(List<DraftLine> lines) {
        return draft(false, "EUR", "fr", frenchBuyer(), lines, List.of(), Map.of());
    }

    static Draft draft(
            boolean creditNote,
            String currency,
            String language,
            Buyer buyer,
            List<DraftLine> lines,
            List<DocumentAdjustment> adjustments,
            Map<String, String> exemptionReasons) {
        return new Draft(
                creditNote,
                currency,
                ISSUE,
                ISSUE.plusDays(30),
                language,
                buyer,
                lines,
                adjustments,
                List.of("Merci de votre confiance."),
                "Paiement à 30 jours",
                "30",
                "PO-4711",
                creditNote ? "F-2026-0007" : "",
                creditNote ? ISSUE.minusDays(20) : null,
                exemptionReasons,
                null);
    }

    /** The same draft with another component, for the check's bad inputs. */
    static Draft with(Draft d, Buyer buyer) {
        return new Draft(
                d.creditNote(),
                d.currency(),
                d.issueDate(),
                d.dueDate(),
                d.language(),
                buyer,
                d.lines(),
                d.adjustments(),
                d.notes(),
                d.paymentTermsText(),
                d.paymentMeansCode(),
                d.purchaseOrder(),
                d.precedingInvoice(),
                d.precedingInvoiceDate(),
                d.exemptionReasons(),
                null);
    }

    static IssuedInvoice issue(Draft draft, SellerProfile seller, String number) {
        String language = draft.language().isEmpty() ? "fr" : draft.language();
        return new IssuedInvoice(
                "dossier-1",
                number,
                ISSUE,
                draft.dueDate(),
                language,
                seller,
                draft,
                InvoiceCalculator.totals(draft, language));
    }
}
