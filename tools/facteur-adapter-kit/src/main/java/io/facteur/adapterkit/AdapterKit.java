package io.facteur.adapterkit;

import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.ReceiverAdapter.Receiver;
import io.facteur.api.ReceiverAdapter.Target;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.ValidationReport;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.ValidationReport.Severity;
import io.facteur.api.invoice.BusinessTerms;
import io.facteur.api.invoice.BusinessTerms.Difference;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.XmlChanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a receiver adapter over a corpus the way the core runs it for one receiver: reads each CII
 * and UBL invoice with the project's readers, writes it in the adapter's target syntax with the
 * project's writers when the syntax differs, adapts it, reads the result back, allows differences
 * from the source only in the target's declared terms ({@link BusinessTerms#differences}) and
 * changes to the XML only in those terms' places ({@link XmlChanges}), and validates the result
 * with the rule sets that apply. Immutable; the {@code with*} methods give a changed copy.
 */
public final class AdapterKit {

    /** The start of the reason of a file the project's readers or writers cannot carry. */
    public static final String PROJECT_REFUSAL = "project: ";

    /** The start of the reason of a file whose source breaks its own rules (the core's gate). */
    public static final String SOURCE_INVALID = "the source itself breaks rules of ";

    /** Larger corpus files are refused: the kit reads whole files into memory. */
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    private static final Set<String> XML_SYNTAXES = Set.of("CII", "UBL");

    private final ReceiverAdapter adapter;
    private final Receiver receiver;
    private final Map<String, Object> settings;
    private final List<InvoiceReader> readers;
    private final List<InvoiceWriter> writers;
    private final ValidationStep validation;
    private final boolean gated;

    private AdapterKit(
            ReceiverAdapter adapter,
            Receiver receiver,
            Map<String, Object> settings,
            List<InvoiceReader> readers,
            List<InvoiceWriter> writers,
            ValidationStep validation,
            boolean gated) {
        this.adapter = adapter;
        this.receiver = receiver;
        this.settings = Map.copyOf(settings);
        this.readers = List.copyOf(readers);
        this.writers = List.copyOf(writers);
        this.validation = validation;
        this.gated = gated;
    }

    /**
     * A kit for this adapter with the project's readers, writers and validators found on the class
     * path, for a receiver in no country with no references and no settings.
     */
    public static AdapterKit of(ReceiverAdapter adapter) {
        Components components = Components.onClassPath();
        return new AdapterKit(
                adapter,
                new Receiver("", "", Map.of()),
                Map.of(),
                components.provide(InvoiceReader.class),
                components.provide(InvoiceWriter.class),
                new ProjectValidators(components),
                true);
    }

    /** The same kit for this receiver. */
    public AdapterKit withReceiver(Receiver receiver) {
        return new AdapterKit(adapter, receiver, settings, readers, writers, validation, gated);
    }

    /** The same kit with these dossier settings of the adapter. */
    public AdapterKit withSettings(Map<String, Object> settings) {
        return new AdapterKit(adapter, receiver, settings, readers, writers, validation, gated);
    }

    /** The same kit with another validation (a team's own, or {@link ValidationStep#none()}). */
    public AdapterKit withValidation(ValidationStep validation) {
        return new AdapterKit(adapter, receiver, settings, readers, writers, validation, gated);
    }

    /**
     * The same kit without the core's gate: sources are not validated before the adapter, as when
     * the core adapts an invoice it validated at import. For measuring the adaptation path alone; a
     * source that breaks its own rules then shows as invalid after the adapter.
     */
    public AdapterKit withoutGate() {
        return new AdapterKit(adapter, receiver, settings, readers, writers, validation, false);
    }

    /** The readers the kit uses. */
    public List<InvoiceReader> readers() {
        return readers;
    }

    /** The writers the kit uses. */
    public List<InvoiceWriter> writers() {
        return writers;
    }

    /**
     * Checks every CII and UBL invoice of these folders (not recursively, in name order); other
     * files (PDF, foreign XML) are listed as ignored.
     */
    public KitReport run(Path... folders) {
        List<FileResult> results = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        for (Path folder : folders) {
            for (Path file : files(folder)) {
                Document source = document(file);
                Optional<Syntax> syntax = detect(source);
                if (syntax.isPresent() && XML_SYNTAXES.contains(syntax.get().syntax())) {
                    results.add(check(file, source, syntax.get()));
                } else {
                    ignored.add(file);
                }
            }
        }
        return new KitReport(adapter.target(), results, ignored);
    }

    /** Checks one CII or UBL invoice file. */
    public FileResult check(Path file) {
        Document source = document(file);
        Optional<Syntax> syntax = detect(source);
        if (syntax.isEmpty()) {
            return FileResult.of(file, Outcome.REFUSED, "no reader recognises this file");
        }
        return check(file, source, syntax.get());
    }

    private FileResult check(Path file, Document sourceDocument, Syntax sourceSyntax) {
        Target target = adapter.target();
        Invoice source;
        Document inTarget;
        try {
            source = reader(sourceDocument).orElseThrow().read(sourceDocument);
        } catch (UnreadableInvoiceException e) {
            return FileResult.of(file, Outcome.REFUSED, PROJECT_REFUSAL + e.getMessage());
        }
        Optional<FileResult> gate =
                gated ? gate(file, sourceDocument, source, sourceSyntax) : Optional.empty();
        if (gate.isPresent()) {
            return gate.get();
        }
        try {
            inTarget = inTargetSyntax(sourceDocument, sourceSyntax.syntax(), source, target);
        } catch (UnreadableInvoiceException e) {
            return FileResult.of(file, Outcome.REFUSED, PROJECT_REFUSAL + e.getMessage());
        }
        Document adapted;
        try {
            adapted = adapter.adapt(inTarget, source, receiver, settings);
        } catch (UnreadableInvoiceException e) {
            String reason = e.getMessage();
            return reason == null || reason.isBlank()
                    ? FileResult.of(file, Outcome.BROKEN, "refused without a reason")
                    : FileResult.of(file, Outcome.REFUSED, reason);
        } catch (RuntimeException e) {
            return FileResult.of(file, Outcome.BROKEN, "adapter threw " + e);
        }
        return checkAdapted(file, source, inTarget, adapted, target);
    }

    private FileResult checkAdapted(
            Path file, Invoice source, Document input, Document adapted, Target target) {
        if (adapted == null) {
            return FileResult.of(file, Outcome.BROKEN, "adapter returned nothing");
        }
        Optional<InvoiceReader> reader = reader(adapted);
        Optional<Syntax> syntax = detect(adapted);
        if (reader.isEmpty() || !syntax.orElseThrow().syntax().equals(target.syntax())) {
            return FileResult.of(
                    file,
                    Outcome.BROKEN,
                    "result is not "
                            + target.syntax()
                            + " (detected: "
                            + syntax.map(Syntax::syntax).orElse("nothing")
                            + ")");
        }
        Invoice copy;
        try {
            copy = reader.get().read(adapted);
        } catch (UnreadableInvoiceException e) {
            return FileResult.of(file, Outcome.BROKEN, "result unreadable: " + e.getMessage());
        }
        if (!target.specification().isEmpty()
                && !target.specification().equals(copy.specification())) {
            return FileResult.of(
                    file,
                    Outcome.BROKEN,
                    "result declares BT-24 '" + copy.specification() + "', not its target's");
        }
        List<Difference> outside =
                BusinessTerms.differences(source, copy).stream()
                        .filter(d -> !target.adds().contains(d.term().split(" ")[0]))
                        .toList();
        List<XmlChanges.Change> xmlChanges;
        try {
            xmlChanges = xmlChanges(input, adapted, target);
        } catch (UnreadableInvoiceException e) {
            return FileResult.of(file, Outcome.BROKEN, "result unreadable: " + e.getMessage());
        }
        if (outside.isEmpty() && !xmlChanges.isEmpty()) {
            return FileResult.of(
                    file,
                    Outcome.FALSIFIED,
                    "XML changed outside the places of "
                            + target.adds()
                            + ": "
                            + xmlChanges.stream()
                                    .limit(5)
                                    .map(Object::toString)
                                    .collect(Collectors.joining("; ")));
        }
        List<ValidationReport> reports =
                validation.validate(
                        adapted, copy, new Syntax(target.syntax(), copy.specification()));
        List<Finding> errors =
                reports.stream()
                        .flatMap(r -> r.findings().stream())
                        .filter(f -> f.severity() == Severity.ERROR)
                        .toList();
        List<String> ruleSets = reports.stream().map(ValidationReport::ruleSet).toList();
        Outcome outcome =
                !outside.isEmpty()
                        ? Outcome.FALSIFIED
                        : errors.isEmpty() ? Outcome.CONFORM : Outcome.INVALID;
        String reason =
                switch (outcome) {
                    case FALSIFIED -> "terms changed outside " + target.adds();
                    case INVALID -> "error findings of " + ruleSets;
                    default -> "";
                };
        return new FileResult(file, outcome, reason, outside, errors, ruleSets);
    }

    /**
     * What the adapter changed in the XML outside its declared terms' places, as the core checks
     * it: the XML itself, or the XML a hybrid PDF carries, before and after the adapter.
     */
    private List<XmlChanges.Change> xmlChanges(Document input, Document adapted, Target target)
            throws UnreadableInvoiceException {
        if (!XmlChanges.knows(target.syntax())) {
            return List.of();
        }
        Optional<byte[]> before = reader(input).flatMap(r -> r.invoiceXml(input));
        Optional<byte[]> after = reader(adapted).flatMap(r -> r.invoiceXml(adapted));
        if (before.isEmpty() || after.isEmpty()) {
            throw new UnreadableInvoiceException("no invoice XML in the adapter's input or result");
        }
        return XmlChanges.outside(before.get(), after.get(), target.syntax(), target.adds());
    }

    /**
     * The core's gate: an invoice whose validation at import found an error is never delivered nor
     * exported, in any form, so no adapter ever sees it. The kit refuses it the same way, naming
     * the rules the source itself breaks: what the target's rules would then find is the source's
     * doing, not the adapter's.
     */
    private Optional<FileResult> gate(
            Path file, Document sourceDocument, Invoice source, Syntax sourceSyntax) {
        List<ValidationReport> reports =
                validation.validate(
                        sourceDocument,
                        source,
                        new Syntax(sourceSyntax.syntax(), source.specification()));
        List<Finding> errors =
                reports.stream()
                        .flatMap(r -> r.findings().stream())
                        .filter(f -> f.severity() == Severity.ERROR)
                        .toList();
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        List<String> ruleSets = reports.stream().map(ValidationReport::ruleSet).toList();
        return Optional.of(
                new FileResult(
                        file,
                        Outcome.REFUSED,
                        SOURCE_INVALID
                                + ruleSets
                                + ": the core delivers and exports no invalid invoice",
                        List.of(),
                        errors,
                        ruleSets));
    }

    /**
     * The source in the target's syntax, as the core writes it: with a writer from the source's
     * syntax, or with two, through a syntax a writer of the target accepts (UBL to CII to
     * Factur-X).
     */
    private Document inTargetSyntax(
            Document source, String sourceSyntax, Invoice invoice, Target target)
            throws UnreadableInvoiceException {
        if (sourceSyntax.equals(target.syntax())) {
            return source;
        }
        List<InvoiceWriter> toTarget =
                writers.stream().filter(w -> w.syntax().equals(target.syntax())).toList();
        for (InvoiceWriter writer : toTarget) {
            if (writer.accepts(sourceSyntax)) {
                return writer.write(source, sourceSyntax, invoice, Locale.ENGLISH);
            }
        }
        for (InvoiceWriter writer : toTarget) {
            for (InvoiceWriter step : writers) {
                if (step != writer && step.accepts(sourceSyntax) && writer.accepts(step.syntax())) {
                    Document middle = step.write(source, sourceSyntax, invoice, Locale.ENGLISH);
                    return writer.write(middle, step.syntax(), invoice, Locale.ENGLISH);
                }
            }
        }
        throw new UnreadableInvoiceException(
                "no writer from " + sourceSyntax + " to " + target.syntax() + " on the class path");
    }

    private Optional<Syntax> detect(Document document) {
        return readers.stream().map(r -> r.detect(document)).flatMap(Optional::stream).findFirst();
    }

    private Optional<InvoiceReader> reader(Document document) {
        return readers.stream().filter(r -> r.detect(document).isPresent()).findFirst();
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the corpus folder " + folder, e);
        }
    }

    private static Document document(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(
                        file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return new Document(
                    file.getFileName().toString(), "application/xml", Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
