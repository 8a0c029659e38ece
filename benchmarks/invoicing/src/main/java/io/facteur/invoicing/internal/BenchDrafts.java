package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generated drafts for the benchmark, the same every run (fixed seed): 1 to 30 lines, every VAT
 * category in the combinations the EN 16931 rules allow (S at 20, 10 and 5.5 % with Z lines, E with
 * its exemption text, AE and K to a German buyer, G in CHF to a Swiss buyer, O in USD by a seller
 * without VAT id), line allowances, document allowances and charges, one credit note in ten, and
 * the three languages. Each draft passes {@link DraftCheck}, as the online form requires.
 */
final class BenchDrafts {

    static final LocalDate ISSUE = LocalDate.of(2026, 3, 12);

    /** One generated invoice: its seller and draft. */
    record Sample(SellerProfile seller, Draft draft) {}

    private static final String[] LANGUAGES = {"fr", "en", "de"};
    private static final String[] S_RATES = {"20", "10", "5.5"};
    private static final String[] ITEMS = {
        "Conseil",
        "Formation",
        "Logiciel",
        "Maintenance",
        "Livres",
        "Repas",
        "Pièces détachées",
        "Beratung",
        "Schulung",
        "Support",
        "Hardware",
        "Travel costs"
    };

    private BenchDrafts() {}

    /** The i-th sample of a run of that seed. */
    static List<Sample> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Sample sample = sample(random, i);
            List<FieldProblem> problems =
                    DraftCheck.check(sample.draft(), sample.seller(), Locale.ENGLISH);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("generated draft " + i + " refused: " + problems);
            }
            samples.add(sample);
        }
        return samples;
    }

    private static Sample sample(Random random, int i) {
        int lineCount = 1 + random.nextInt(30);
        String language = LANGUAGES[i % LANGUAGES.length];
        int scenario = random.nextInt(20);
        boolean creditNote = i % 10 == 9;
        if (creditNote || scenario < 10) {
            return domestic(random, lineCount, language, creditNote);
        }
        return switch (scenario) {
            case 10, 11 -> single(random, lineCount, language, "E", "0", "EUR", frenchBuyer());
            case 12, 13 -> single(random, lineCount, language, "AE", "0", "EUR", germanBuyer());
            case 14, 15 -> single(random, lineCount, language, "K", "0", "EUR", germanBuyer());
            case 16, 17 -> single(random, lineCount, language, "G", "0", "CHF", swissBuyer());
            default -> notSubject(random, lineCount, language);
        };
    }

    /** S at three rates with some Z lines, line allowances, a document allowance and charge. */
    private static Sample domestic(Random random, int lineCount, String language, boolean credit) {
        List<DraftLine> lines = new ArrayList<>();
        List<String> rates = new ArrayList<>();
        for (int n = 0; n < lineCount; n++) {
            boolean zero = !credit && random.nextInt(8) == 0;
            String rate = zero ? "0" : S_RATES[random.nextInt(S_RATES.length)];
            DraftLine line = line(random, zero ? "Z" : "S", rate);
            if (random.nextInt(5) == 0) {
                line = withAllowance(line, "1.50", "Remise");
            }
            lines.add(line);
            if (!zero && !rates.contains(rate)) {
                rates.add(rate);
            }
        }
        List<DocumentAdjustment> adjustments = new ArrayList<>();
        if (!credit && !rates.isEmpty() && random.nextBoolean()) {
            adjustments.add(adjustment(false, "5.00", "Remise fidélité", "S", rates.get(0)));
            adjustments.add(adjustment(true, "12.90", "Frais de port", "S", rates.get(0)));
        }
        return new Sample(
                seller(),
                draft(credit, "EUR", language, frenchBuyer(), lines, adjustments, Map.of()));
    }

    /** Every line of one category (E, AE, K or G), at a zero rate, with one charge. */
    private static Sample single(
            Random random,
            int lineCount,
            String language,
            String category,
            String rate,
            String currency,
            Buyer buyer) {
        List<DraftLine> lines = new ArrayList<>();
        for (int n = 0; n < lineCount; n++) {
            lines.add(line(random, category, rate));
        }
        Map<String, String> reasons =
                "E".equals(category)
                        ? Map.of("E", "VATEX-EU-132: Exonération, article 261-4 du CGI")
                        : Map.of();
        return new Sample(
                seller(),
                draft(
                        false,
                        currency,
                        language,
                        buyer,
                        lines,
                        List.of(adjustment(true, "30", "Transport", category, rate)),
                        reasons));
    }

    /** O (not subject to VAT) in USD, by a seller without VAT id. */
    private static Sample notSubject(Random random, int lineCount, String language) {
        List<DraftLine> lines = new ArrayList<>();
        for (int n = 0; n < lineCount; n++) {
            lines.add(line(random, "O", null));
        }
        SellerProfile seller = seller();
        SellerProfile noVat =
                new SellerProfile(
                        seller.legalName(),
                        "",
                        seller.siren(),
                        seller.siret(),
                        "",
                        seller.address(),
                        seller.email(),
                        "",
                        seller.iban(),
                        "",
                        null,
                        "",
                        "",
                        seller.paymentTerm());
        return new Sample(
                noVat,
                draft(
                        false,
                        "USD",
                        language,
                        germanBuyer(),
                        lines,
                        List.of(adjustment(false, "25", "Kulanz", "O", null)),
                        Map.of()));
    }

    private static DraftLine line(Random random, String category, String rate) {
        BigDecimal quantity = BigDecimal.valueOf(1 + random.nextInt(40));
        BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
        return new DraftLine(
                ITEMS[random.nextInt(ITEMS.length)],
                quantity,
                "C62",
                price,
                category,
                rate == null ? null : new BigDecimal(rate),
                null,
                "");
    }

    private static DraftLine withAllowance(DraftLine line, String allowance, String reason) {
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

    private static DocumentAdjustment adjustment(
            boolean charge, String amount, String reason, String category, String rate) {
        return new DocumentAdjustment(
                charge,
                new BigDecimal(amount),
                reason,
                category,
                rate == null ? null : new BigDecimal(rate));
    }

    private static Draft draft(
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
}
