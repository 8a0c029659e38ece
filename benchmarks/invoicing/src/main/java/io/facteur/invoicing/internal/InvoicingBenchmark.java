package io.facteur.invoicing.internal;

import io.facteur.adapterkit.Components;
import io.facteur.api.Archive;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.api.Syntax;
import io.facteur.api.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Online invoicing: {@code bench.invoices} (1,000) invoices from generated drafts ({@link
 * BenchDrafts}: 1 to 30 lines, every VAT category, three languages) issued through Facteur's path
 * ({@link FacteurIssue}: layout, CII, Factur-X by the real embedder, detect and read, the project's
 * validators that apply, the legal archive) and exported by Mustang alone ({@link MustangExport}),
 * in one JVM. A warm-up of {@code bench.warmup} invoices on each side first (JIT, rule sets
 * compiled, veraPDF's profiles), then the invoices in slices of {@code bench.slice}, each slice run
 * by both sides, the order alternating, so that the machine's load falls on both alike. Prints
 * invoices per second of each, the ratio (overall, and the median of the slices), and where
 * Facteur's time goes.
 *
 * <p>The archive goes to {@code bench.folder}, or to a temp folder deleted at the end.
 *
 * <p>Run in the package of the invoicing bundle (a plain jar here) to reach its package-private
 * assembly, as the other benchmarks do.
 */
public final class InvoicingBenchmark {

    private InvoicingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.invoices", 1000);
        int warmup = Integer.getInteger("bench.warmup", 60);
        int slice = Integer.getInteger("bench.slice", 50);
        long seed = Long.getLong("bench.seed", 2026L);
        Path folder =
                System.getProperty("bench.folder") == null
                        ? Files.createTempDirectory("facteur-invoicing-bench")
                        : Path.of(System.getProperty("bench.folder"));

        Components components = Components.onClassPath();
        List<InvoiceReader> readers = components.provide(InvoiceReader.class);
        List<PdfInvoiceEmbedder> embedders = components.provide(PdfInvoiceEmbedder.class);
        List<Validator> validators = DsBuilt.provide(components, Validator.class, Map.of());
        List<Archive> archives =
                DsBuilt.provide(components, Archive.class, Map.of("folder", folder.toString()));
        if (embedders.size() != 1 || archives.size() != 1) {
            throw new IllegalStateException(
                    "expected one embedder and one archive: "
                            + embedders
                            + ", "
                            + archives
                            + "; unavailable: "
                            + components.unavailable());
        }
        Syntax facturX = new Syntax("FACTUR_X", CiiInvoice.GUIDELINE);
        System.out.printf(
                Locale.ROOT,
                "validators that apply to Factur-X: %s%narchive: %s in %s%n",
                validators.stream()
                        .filter(v -> v.appliesTo(facturX))
                        .map(v -> v.getClass().getSimpleName())
                        .toList(),
                archives.get(0).getClass().getSimpleName(),
                folder);

        List<BenchDrafts.Sample> samples = BenchDrafts.generate(warmup + count, seed);
        int lines = samples.stream().mapToInt(s -> s.draft().lines().size()).sum();
        System.out.printf(
                Locale.ROOT,
                "%d invoices (+%d warm-up), %.1f lines on average, slices of %d%n",
                count,
                warmup,
                (double) lines / samples.size(),
                slice);

        FacteurIssue facteur =
                new FacteurIssue(embedders.get(0), readers, validators, archives.get(0));
        MustangExport mustang = new MustangExport();

        long start = System.nanoTime();
        long facteurBytes = 0;
        long mustangBytes = 0;
        for (int i = 0; i < warmup; i++) {
            facteur.issue(samples.get(i), number(i), "w-" + i);
            byte[] exported = mustang.export(samples.get(i), number(i));
            if (i == 0) {
                checkMustangOutput(readers, validators, exported);
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %.1f s%n", (System.nanoTime() - start) / 1e9);
        facteur.render = facteur.read = facteur.validate = facteur.archive = 0;
        facteur.byValidator.clear();

        long facteurNanos = 0;
        long mustangNanos = 0;
        List<Double> ratios = new ArrayList<>();
        int slices = 0;
        for (int from = warmup; from < warmup + count; from += slice) {
            int to = Math.min(from + slice, warmup + count);
            long f = 0;
            long m = 0;
            for (int pass = 0; pass < 2; pass++) {
                boolean facteurNow = (pass == 0) == (slices % 2 == 0);
                long t0 = System.nanoTime();
                for (int i = from; i < to; i++) {
                    if (facteurNow) {
                        facteurBytes += facteur.issue(samples.get(i), number(i), "m-" + i).size();
                    } else {
                        mustangBytes += mustang.export(samples.get(i), number(i)).length;
                    }
                }
                long elapsed = System.nanoTime() - t0;
                if (facteurNow) {
                    f = elapsed;
                } else {
                    m = elapsed;
                }
            }
            facteurNanos += f;
            mustangNanos += m;
            ratios.add((double) m / f);
            slices++;
            System.out.printf(
                    Locale.ROOT,
                    "slice %2d: Facteur %6.1f /s, Mustang %6.1f /s, ratio %.3f%n",
                    slices,
                    (to - from) / (f / 1e9),
                    (to - from) / (m / 1e9),
                    (double) m / f);
        }

        double facteurRate = count / (facteurNanos / 1e9);
        double mustangRate = count / (mustangNanos / 1e9);
        Collections.sort(ratios);
        double median =
                ratios.size() % 2 == 1
                        ? ratios.get(ratios.size() / 2)
                        : (ratios.get(ratios.size() / 2 - 1) + ratios.get(ratios.size() / 2)) / 2;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "(a) Facteur issuing (render + Factur-X + read + validation + archive): %.1f invoices/s"
                        + " (%.1f ms each, %.0f kB)%n",
                facteurRate,
                facteurNanos / 1e6 / count,
                facteurBytes / 1024.0 / count);
        System.out.printf(
                Locale.ROOT,
                "(b) Mustang bare export (model + ZUGFeRD2PullProvider + exporter, blank page):"
                        + " %.1f invoices/s (%.1f ms each, %.0f kB)%n",
                mustangRate,
                mustangNanos / 1e6 / count,
                mustangBytes / 1024.0 / count);
        System.out.printf(
                Locale.ROOT,
                "ratio (a)/(b): %.3f overall, median of %d slices %.3f (min %.3f, max %.3f)%n",
                facteurRate / mustangRate,
                ratios.size(),
                median,
                ratios.get(0),
                ratios.get(ratios.size() - 1));
        long parts = facteur.render + facteur.read + facteur.validate + facteur.archive;
        System.out.printf(
                Locale.ROOT,
                "Facteur per invoice: layout + CII + Factur-X %.1f ms (%.0f %%), detect + read %.1f"
                        + " ms (%.0f %%), validation %.1f ms (%.0f %%), archive %.1f ms (%.0f %%)%n",
                facteur.render / 1e6 / count,
                100.0 * facteur.render / parts,
                facteur.read / 1e6 / count,
                100.0 * facteur.read / parts,
                facteur.validate / 1e6 / count,
                100.0 * facteur.validate / parts,
                facteur.archive / 1e6 / count,
                100.0 * facteur.archive / parts);
        facteur.byValidator.forEach(
                (ruleSet, nanos) ->
                        System.out.printf(
                                Locale.ROOT,
                                "  validation by %s: %.1f ms per invoice%n",
                                ruleSet,
                                nanos / 1e6 / count));
        if (System.getProperty("bench.folder") == null) {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // the PDF/A validator keeps its check threads; nothing else is left to close
        System.exit(0);
    }

    private static String number(int i) {
        return String.format(Locale.ROOT, "F-2026-%05d", i);
    }

    /**
     * Mustang's output is a Factur-X the project's reader recognises (not a benchmark of junk);
     * what the project's validators find in it is printed, for information only.
     */
    private static void checkMustangOutput(
            List<InvoiceReader> readers, List<Validator> validators, byte[] pdf)
            throws io.facteur.api.UnreadableInvoiceException {
        Document document = new Document("mustang.pdf", "application/pdf", pdf);
        for (InvoiceReader reader : readers) {
            var syntax = reader.detect(document);
            if (syntax.isPresent()) {
                var invoice = reader.read(document);
                System.out.println("Mustang's export reads as " + syntax.get());
                for (Validator validator : validators) {
                    if (validator.appliesTo(syntax.get())) {
                        var report = validator.validate(document, invoice);
                        System.out.printf(
                                Locale.ROOT,
                                "  %s on Mustang's export: %d errors %s%n",
                                report.ruleSet(),
                                report.findings().stream()
                                        .filter(
                                                f ->
                                                        f.severity()
                                                                == io.facteur.api.ValidationReport
                                                                        .Severity.ERROR)
                                        .count(),
                                report.findings().stream()
                                        .filter(
                                                f ->
                                                        f.severity()
                                                                == io.facteur.api.ValidationReport
                                                                        .Severity.ERROR)
                                        .map(f -> f.rule())
                                        .distinct()
                                        .toList());
                    }
                }
                return;
            }
        }
        throw new IllegalStateException("Mustang's export is not recognised");
    }
}
