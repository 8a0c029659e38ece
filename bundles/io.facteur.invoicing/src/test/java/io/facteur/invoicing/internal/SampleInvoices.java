package io.facteur.invoicing.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/** Issued invoices built by hand, with their totals, for the PDF tests. */
final class SampleInvoices {
    static final LocalDate ISSUED = LocalDate.of(2026, 11, 27);
    static final LocalDate DUE = LocalDate.of(2026, 12, 27);

    private SampleInvoices() {}

    static SellerProfile seller(byte[] logo) {
        return new SellerProfile(
                "Atelier Lumière SARL",
                "Lumière Studio",
                "123456789",
                "12345678900012",
                "FR32123456789",
                new Address("12 rue des Lilas", "Bâtiment B", "75011", "Paris", "FR"),
                "factures@atelier-lumiere.fr",
                "+33 1 23 45 67 89",
                "FR76 3000 6000 0112 3456 7890 189",
                "AGRIFRPPXXX",
                logo,
                "SARL au capital de 10 000 € – RCS Paris 123 456 789 – Code APE 7410Z",
                "Pénalités de retard : trois fois le taux d’intérêt légal. Indemnité forfaitaire"
                        + " pour frais de recouvrement : 40 €. Pas d’escompte pour paiement"
                        + " anticipé.",
                new PaymentTerm(PaymentTerm.Kind.DAYS, 30));
    }

    static Buyer buyer() {
        return new Buyer(
                "C-42",
                "Brasserie du Port SAS",
                "987654321",
                "FR45987654321",
                new Address("3 quai de la Fosse", "", "44000", "Nantes", "FR"),
                "compta@brasserie-du-port.fr",
                "ACH-2026-117",
                "fr");
    }

    static DraftLine line(String description, String qty, String unit, String price, String rate) {
        return new DraftLine(
                description,
                new BigDecimal(qty),
                unit,
                new BigDecimal(price),
                "S",
                new BigDecimal(rate),
                null,
                "");
    }

    /** One line of 1 028,80 at 20 %: 1 234,56 to pay. */
    static IssuedInvoice simple(String language) {
        return invoice(
                language,
                false,
                "EUR",
                logo(),
                List.of(line("Conseil en éclairage", "1", "C62", "1028.80", "20")),
                List.of());
    }

    /** Several lines, units, rates, a line allowance, document allowance and charge, notes. */
    static IssuedInvoice rich(String language) {
        List<DraftLine> lines =
                List.of(
                        line(
                                "Étude d’éclairage du restaurant, salle principale et terrasse",
                                "12.5",
                                "HUR",
                                "85",
                                "20"),
                        new DraftLine(
                                "Suspension laiton « Halo » 60 cm, finition brossée, livrée avec"
                                        + " câble textile de 3 m et rosace assortie",
                                new BigDecimal("6"),
                                "C62",
                                new BigDecimal("349.90"),
                                "S",
                                new BigDecimal("20"),
                                new BigDecimal("120"),
                                "Remise fidélité"),
                        line("Location nacelle", "2", "DAY", "180", "20"),
                        line("Câble électrique 3G1,5", "45", "MTR", "1.85", "20"),
                        line("Abonnement maintenance", "1", "MON", "59", "10"),
                        new DraftLine(
                                "Formation du personnel (organisme agréé)",
                                new BigDecimal("1"),
                                "C62",
                                new BigDecimal("400"),
                                "E",
                                BigDecimal.ZERO,
                                null,
                                ""));
        List<DocumentAdjustment> adjustments =
                List.of(
                        new DocumentAdjustment(
                                false,
                                new BigDecimal("50"),
                                "Geste commercial",
                                "S",
                                new BigDecimal("20")),
                        new DocumentAdjustment(
                                true,
                                new BigDecimal("35"),
                                "Frais de livraison",
                                "S",
                                new BigDecimal("20")));
        return invoice(language, false, "EUR", logo(), lines, adjustments);
    }

    static IssuedInvoice manyLines(String language, int count) {
        List<DraftLine> lines = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            lines.add(
                    line(
                            "Article n° "
                                    + i
                                    + (i % 7 == 0
                                            ? " avec une description assez longue pour"
                                                    + " tenir sur deux lignes dans la colonne de désignation"
                                            : ""),
                            String.valueOf(i % 5 + 1),
                            i % 3 == 0 ? "HUR" : "C62",
                            (i % 90 + 10) + ".50",
                            "20"));
        }
        return invoice(language, false, "EUR", new byte[0], lines, List.of());
    }

    static IssuedInvoice invoice(
            String language,
            boolean creditNote,
            String currency,
            byte[] logo,
            List<DraftLine> lines,
            List<DocumentAdjustment> adjustments) {
        Draft draft =
                new Draft(
                        creditNote,
                        currency,
                        ISSUED,
                        DUE,
                        language,
                        buyer(),
                        lines,
                        adjustments,
                        List.of(
                                "Merci de votre confiance.",
                                "Livraison effectuée le 20 novembre 2026 au 3 quai de la Fosse."),
                        "30 jours net, par virement",
                        "58",
                        "PO-88231",
                        creditNote ? "F-2026-0007" : "",
                        creditNote ? LocalDate.of(2026, 10, 3) : null,
                        Map.of("E", "Exonération de TVA, article 261-4-4° a du CGI"),
                        null);
        return issued(draft, seller(logo), creditNote ? "A-2026-0002" : "F-2026-0042");
    }

    static IssuedInvoice issued(Draft draft, SellerProfile seller, String number) {
        return new IssuedInvoice(
                "dossier-1", number, ISSUED, DUE, draft.language(), seller, draft, totals(draft));
    }

    /** EN 16931 totals, computed the simple way the samples need. */
    static Totals totals(Draft draft) {
        List<BigDecimal> nets = new ArrayList<>();
        Map<String, BigDecimal[]> groups = new LinkedHashMap<>();
        BigDecimal lineTotal = BigDecimal.ZERO;
        for (DraftLine line : draft.lines()) {
            BigDecimal net = line.quantity().multiply(line.unitPrice());
            if (line.allowance() != null) {
                net = net.subtract(line.allowance());
            }
            net = net.setScale(2, RoundingMode.HALF_UP);
            nets.add(net);
            lineTotal = lineTotal.add(net);
            add(groups, line.vatCategory(), line.vatRate(), net);
        }
        BigDecimal allowances = BigDecimal.ZERO.setScale(2);
        BigDecimal charges = BigDecimal.ZERO.setScale(2);
        for (DocumentAdjustment adjustment : draft.adjustments()) {
            BigDecimal amount = adjustment.amount().setScale(2, RoundingMode.HALF_UP);
            if (adjustment.charge()) {
                charges = charges.add(amount);
            } else {
                allowances = allowances.add(amount);
                amount = amount.negate();
            }
            add(groups, adjustment.vatCategory(), adjustment.vatRate(), amount);
        }
        List<Totals.VatGroup> vat = new ArrayList<>();
        BigDecimal tax = BigDecimal.ZERO.setScale(2);
        for (Map.Entry<String, BigDecimal[]> group : groups.entrySet()) {
            String category = group.getKey().split("/")[0];
            BigDecimal rate = group.getValue()[1];
            BigDecimal taxable = group.getValue()[0];
            BigDecimal amount =
                    rate == null
                            ? BigDecimal.ZERO.setScale(2)
                            : taxable.multiply(rate)
                                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            tax = tax.add(amount);
            vat.add(
                    new Totals.VatGroup(
                            category,
                            rate,
                            taxable,
                            amount,
                            draft.exemptionReasons().getOrDefault(category, ""),
                            category.equals("E") ? "VATEX-FR-261-4-4A" : ""));
        }
        BigDecimal exclusive = lineTotal.subtract(allowances).add(charges);
        BigDecimal inclusive = exclusive.add(tax);
        return new Totals(
                nets, vat, lineTotal, allowances, charges, exclusive, tax, inclusive, inclusive);
    }

    private static void add(
            Map<String, BigDecimal[]> groups, String category, BigDecimal rate, BigDecimal amount) {
        String key =
                category + "/" + Objects.toString(rate == null ? null : rate.stripTrailingZeros());
        groups.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO.setScale(2), rate})[0] =
                groups.get(key)[0].add(amount);
    }

    /** Names, addresses and texts far too long for their boxes, emoji and CJK among them. */
    static IssuedInvoice longTexts() {
        String longWord = "Sans-espace-".repeat(120);
        String longText = "Une désignation très longue, ".repeat(150);
        DraftLine line =
                new DraftLine(
                        longWord + " " + longText,
                        new BigDecimal("123456789.1234"),
                        "XYZLONGUNIT",
                        new BigDecimal("98765432.10"),
                        "S",
                        new BigDecimal("20"),
                        new BigDecimal("1000"),
                        "Remise " + longText);
        DraftLine emoji = line("Café ☕ offert 😀 和食 ok", "1", "C62", "3", "20");
        IssuedInvoice base =
                invoice("fr", false, "EUR", new byte[0], List.of(line, emoji), List.of());
        Buyer buyer =
                new Buyer(
                        "",
                        "Société des établissements du très long nom ".repeat(8),
                        "",
                        "",
                        new Address(longText, longWord, "75001", "Paris 🗼", "BE"),
                        "",
                        "Référence-".repeat(30),
                        "fr");
        Draft draft =
                new Draft(
                        false,
                        "EUR",
                        base.issueDate(),
                        base.dueDate(),
                        "fr",
                        buyer,
                        base.draft().lines(),
                        List.of(),
                        List.of(longText, "Note 😀"),
                        longText,
                        "58",
                        "PO-".repeat(50),
                        "",
                        null,
                        null,
                        null);
        SellerProfile seller = base.seller();
        SellerProfile longSeller =
                new SellerProfile(
                        "Entreprise au nom interminable ".repeat(10),
                        longWord,
                        seller.siren(),
                        seller.siret(),
                        seller.vatId(),
                        new Address(longText, "", "75011", "Paris", "FR"),
                        seller.email(),
                        seller.phone(),
                        seller.iban(),
                        seller.bic(),
                        new byte[0],
                        longText,
                        longText,
                        seller.paymentTerm());
        return issued(draft, longSeller, "F-2026-0099");
    }

    /** A small PNG with transparency, like a logo exported from a design tool. */
    static byte[] logo() {
        BufferedImage image = new BufferedImage(480, 160, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(28, 63, 112));
        g.fillOval(10, 20, 120, 120);
        g.setColor(new Color(240, 180, 40));
        g.fillOval(45, 55, 50, 50);
        g.setColor(new Color(28, 63, 112));
        g.fillRoundRect(150, 50, 300, 26, 12, 12);
        g.setColor(new Color(120, 130, 140));
        g.fillRoundRect(150, 92, 220, 18, 10, 10);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
