package io.facteur.bench.adapters;

import io.facteur.adapter.de.internal.XRechnungCiiAdapter;
import io.facteur.adapter.de.internal.XRechnungUblAdapter;
import io.facteur.adapter.fr.internal.CtcAdapter;
import io.facteur.adapter.peppol.internal.PeppolAdapter;
import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.Components;
import io.facteur.adapterkit.FileResult;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.ProjectValidators;
import io.facteur.adapterkit.ValidationStep;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.ReceiverAdapter.Receiver;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.ValidationReport;
import io.facteur.api.invoice.Invoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Receiver adapters, per adapter, over the corpus files it accepts (those it adapts; the files it
 * or the project's writers refuse are left out): invoices per second of
 *
 * <ul>
 *   <li>(a) the conformance kit's whole path, {@link AdapterKit#check(Path)}: read the source,
 *       write it in the target syntax, adapt, read back, compare the business terms, validate with
 *       the project's validators ({@link ProjectValidators});
 *   <li>(b) the validation alone: the same {@link ProjectValidators} on the same adapted documents
 *       (captured from the kit during the warm-up);
 *   <li>(c) the kit's path without validation ({@link ValidationStep#none()});
 *   <li>(w) its first part alone: read the file, detect, read, write in the target syntax (the
 *       kit's own readers and writers).
 * </ul>
 *
 * (c) - (w) is adapt + read back + compare. Warm-up passes first (rule sets compiled, JIT), then
 * rounds that run (a), (b), (c), (w) in turns, alternating the order; medians of the rounds.
 */
public final class AdapterBenchmark {

    private record Case(
            String name,
            ReceiverAdapter adapter,
            Receiver receiver,
            Map<String, Object> settings,
            List<Path> folders) {}

    /** One captured validation call of the kit: what (b) validates again. */
    private record Captured(Document adapted, Invoice copy, Syntax syntax) {}

    /** A validation step that records what the kit hands it, then validates. */
    private static final class Capturing implements ValidationStep {
        private final ValidationStep inner;
        private final List<Captured> calls = new ArrayList<>();

        Capturing(ValidationStep inner) {
            this.inner = inner;
        }

        @Override
        public List<ValidationReport> validate(Document adapted, Invoice copy, Syntax syntax) {
            calls.add(new Captured(adapted, copy, syntax));
            return inner.validate(adapted, copy, syntax);
        }
    }

    private static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    private AdapterBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(System.getProperty("bench.corpus", "../shared/corpus"));
        int warmup = Integer.getInteger("bench.warmup", 2);
        int rounds = Integer.getInteger("bench.rounds", 5);
        List<String> only =
                Arrays.stream(System.getProperty("bench.adapters", "").split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();

        Path peppolFolder = Files.createTempDirectory("facteur-bench-peppol");
        List<Case> cases =
                List.of(
                        new Case(
                                "xrechnung-ubl",
                                new XRechnungUblAdapter(),
                                new Receiver("DE", "", Map.of()),
                                Map.of("leitwegId", "04011000-12345-03"),
                                List.of(corpus.resolve("cii"), corpus.resolve("ubl"))),
                        new Case(
                                "xrechnung-cii",
                                new XRechnungCiiAdapter(),
                                new Receiver(
                                        "DE",
                                        "adapter.xrechnung.cii",
                                        Map.of("BT-10", "04011000-12345-03")),
                                Map.of(),
                                List.of(corpus.resolve("cii"), corpus.resolve("ubl"))),
                        new Case(
                                "peppol",
                                new PeppolAdapter(),
                                new Receiver("BE", "", Map.of("BT-49", "0208:0123456749")),
                                Map.of(),
                                List.of(peppolAddressed(corpus, peppolFolder))),
                        new Case(
                                "fr-ctc",
                                new CtcAdapter(),
                                new Receiver("FR", "adapter.fr.ctc", Map.of()),
                                Map.of(),
                                List.of(corpus.resolve("cii"), corpus.resolve("ubl"))));

        // one set of validators (one RuleLibrary) for (a) and (b)
        ProjectValidators validators = new ProjectValidators(Components.onClassPath());
        System.out.printf(
                Locale.ROOT,
                "Receiver adapters: corpus %s, %d warm-up passes, %d rounds; validators %s%n",
                corpus.toAbsolutePath().normalize(),
                warmup,
                rounds,
                validators.validators().stream().map(v -> v.getClass().getSimpleName()).toList());
        System.out.println(
                "adapter        files  (a) whole/s  (b) valid./s  (a)/(b) time  (c) no valid./s"
                        + "  (w) write/s  adapt+read back+compare share of (a)  validation share"
                        + " of (a)");
        List<String> lines = new ArrayList<>();
        for (Case c : cases) {
            if (!only.isEmpty() && !only.contains(c.name())) {
                continue;
            }
            lines.add(measure(c, validators, warmup, rounds));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        System.out.println("Summary (medians of the rounds):");
        lines.forEach(System.out::println);
        try (Stream<Path> files = Files.list(peppolFolder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(peppolFolder);
    }

    private static String measure(Case c, ProjectValidators validators, int warmup, int rounds) {
        Capturing capturing = new Capturing(validators);
        AdapterKit base =
                AdapterKit.of(c.adapter())
                        .withReceiver(c.receiver())
                        .withSettings(c.settings())
                        // the core adapts invoices it validated at import: no second validation
                        .withoutGate();
        AdapterKit capturingKit = base.withValidation(capturing);
        KitReport report = capturingKit.run(c.folders().toArray(Path[]::new));
        // the files the adapter (and the project's writers) accept: all but the refused ones
        List<Path> accepted =
                report.results().stream()
                        .filter(r -> r.outcome() != Outcome.REFUSED)
                        .map(FileResult::file)
                        .toList();
        List<Captured> adapted = List.copyOf(capturing.calls);
        if (adapted.size() != accepted.size()) {
            throw new IllegalStateException(
                    c.name()
                            + ": "
                            + accepted.size()
                            + " files accepted but "
                            + adapted.size()
                            + " validated (a broken result?) "
                            + report);
        }
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        report.results().forEach(r -> outcomes.merge(r.outcome(), 1, Integer::sum));
        System.out.printf(
                Locale.ROOT, "  %s: %s of %d files%n", c.name(), outcomes, report.results().size());

        AdapterKit whole = base.withValidation(validators);
        AdapterKit noValidation = base.withValidation(ValidationStep.none());
        String target = c.adapter().target().syntax();
        for (int i = 0; i < warmup; i++) {
            runWhole(whole, accepted);
            runValidation(validators, adapted);
            runWhole(noValidation, accepted);
            runWrite(base, accepted, target);
        }
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] cc = new double[rounds];
        double[] w = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                a[r] = runWhole(whole, accepted);
                b[r] = runValidation(validators, adapted);
                cc[r] = runWhole(noValidation, accepted);
                w[r] = runWrite(base, accepted, target);
            } else {
                w[r] = runWrite(base, accepted, target);
                cc[r] = runWhole(noValidation, accepted);
                b[r] = runValidation(validators, adapted);
                a[r] = runWhole(whole, accepted);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  round %d: (a) %.1f ms (b) %.1f ms (c) %.1f ms (w) %.1f ms%n",
                    r + 1,
                    a[r] / 1e6,
                    b[r] / 1e6,
                    cc[r] / 1e6,
                    w[r] / 1e6);
        }
        int n = accepted.size();
        double ma = median(a);
        double mb = median(b);
        double mc = median(cc);
        double mw = median(w);
        // ratios per round, then their median: machine load falls on a round's parts alike
        double[] ratio = new double[rounds];
        double[] share = new double[rounds];
        double[] validationShare = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = a[r] / b[r];
            share[r] = Math.max(0, cc[r] - w[r]) / a[r];
            validationShare[r] = b[r] / a[r];
        }
        return String.format(
                Locale.ROOT,
                "%-13s %6d %12.1f %13.1f %13.2f %16.1f %12.1f %38.1f%% %24.1f%%",
                c.name(),
                n,
                n / (ma / 1e9),
                n / (mb / 1e9),
                median(ratio),
                n / (mc / 1e9),
                n / (mw / 1e9),
                100 * median(share),
                100 * median(validationShare));
    }

    /** Nanoseconds for the kit's check of every file. */
    private static long runWhole(AdapterKit kit, List<Path> files) {
        long start = System.nanoTime();
        int failedUnexpectedly = 0;
        for (Path file : files) {
            if (kit.check(file).outcome() == Outcome.REFUSED) {
                failedUnexpectedly++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (failedUnexpectedly > 0) {
            throw new IllegalStateException(failedUnexpectedly + " accepted files now refused");
        }
        return elapsed;
    }

    /** Nanoseconds for the validators on every adapted document. */
    private static long runValidation(ProjectValidators validators, List<Captured> adapted) {
        long start = System.nanoTime();
        int reports = 0;
        for (Captured c : adapted) {
            reports += validators.validate(c.adapted(), c.copy(), c.syntax()).size();
        }
        long elapsed = System.nanoTime() - start;
        if (reports == 0) {
            throw new IllegalStateException("no validator applied");
        }
        return elapsed;
    }

    /**
     * Nanoseconds for the kit's first part on every file, with its own readers and writers: read
     * the file, detect, read the invoice, write it in the target syntax when it differs.
     */
    private static long runWrite(AdapterKit kit, List<Path> files, String target) {
        long start = System.nanoTime();
        long bytes = 0;
        for (Path file : files) {
            Document source = document(file);
            Optional<InvoiceReader> reader =
                    kit.readers().stream().filter(r -> r.detect(source).isPresent()).findFirst();
            String syntax = reader.orElseThrow().detect(source).orElseThrow().syntax();
            try {
                Invoice invoice = reader.get().read(source);
                Document written = source;
                if (!syntax.equals(target)) {
                    written = null;
                    for (InvoiceWriter writer : kit.writers()) {
                        if (writer.syntax().equals(target) && writer.accepts(syntax)) {
                            written = writer.write(source, syntax, invoice, Locale.ENGLISH);
                            break;
                        }
                    }
                }
                bytes += written.content().length;
            } catch (UnreadableInvoiceException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
        }
        long elapsed = System.nanoTime() - start;
        if (bytes == 0) {
            throw new IllegalStateException("nothing written");
        }
        return elapsed;
    }

    private static Document document(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES);
            }
            return new Document(
                    file.getFileName().toString(), "application/xml", Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Peppol-addressed copies of the XRechnung business cases, as the Peppol adapter's corpus test
     * makes them: the shared corpus's sellers are reached by e-mail (scheme EM), which Peppol does
     * not route by, so every file of the corpus as it is is refused; in the copies each seller's
     * e-mail address becomes a Belgian company number (scheme 0208).
     */
    private static Path peppolAddressed(Path corpus, Path folder) throws IOException {
        for (String name : new String[] {"ubl", "cii"}) {
            try (Stream<Path> files = Files.list(corpus.resolve(name))) {
                for (Path file : files.sorted().toList()) {
                    if (file.getFileName()
                                    .toString()
                                    .matches("\\d\\d\\.\\d\\da-INVOICE_(ubl|uncefact)\\.xml")
                            && Files.size(file) <= MAX_FILE_BYTES) {
                        Files.writeString(
                                folder.resolve(file.getFileName()),
                                Files.readString(file)
                                        .replaceFirst(
                                                "schemeID=\"EM\">[^<]*<",
                                                "schemeID=\"0208\">0456789034<"));
                    }
                }
            }
        }
        return folder;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
