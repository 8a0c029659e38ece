package io.facteur.core.internal.pipeline;

import io.facteur.api.Archive;
import io.facteur.api.Document;
import io.facteur.api.Dossiers;
import io.facteur.api.Dossiers.DuplicateMode;
import io.facteur.api.DuplicateCheck;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.ValidationReport;
import io.facteur.api.Validator;
import io.facteur.api.invoice.Invoice;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.inbox.InvoiceStore;
import io.facteur.core.internal.inbox.Message;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of one invoice: detect its syntax, read it, validate it. Each step is idempotent (it
 * may run twice after a crash) and says what should happen next; a step whose capability is missing
 * waits for it.
 */
public final class Steps {
    public static final String DETECT = "detect";
    public static final String READ = "read";
    public static final String VALIDATE = "validate";
    public static final String DUPLICATES = "duplicates";
    public static final String ARCHIVE = "archive";

    /** The steps run here; others belong to a {@link PipelineExtension}. */
    public static final java.util.Set<String> OWN =
            java.util.Set.of(DETECT, READ, VALIDATE, DUPLICATES, ARCHIVE);

    /** What a step decided. */
    public sealed interface Outcome {}

    /**
     * Done; run {@code next} (null: the pipeline ends here).
     *
     * @param inline true when {@code next} runs in the same transaction: a step that only reads and
     *     records (detect, read, validate) gains nothing from a commit of its own, and a failure
     *     then repeats the chain from its start, which is safe because every step is idempotent.
     *     Steps with effects outside the database (delivery, export) run as jobs of their own.
     */
    public record Next(String next, boolean inline) implements Outcome {
        /** The last step. */
        public static final Next END = new Next(null, false);
    }

    /** A capability is missing: park until it arrives. */
    public record Wait(Message reason) implements Outcome {}

    /**
     * Refused for now (status REJECTED, the reason on the timeline), but parked rather than
     * finished: a reader installed later may recognise the document, and then it is read.
     */
    public record RejectedUntilNewReader(Message reason) implements Outcome {}

    private final InboxService inbox;
    private final Map<String, InvoiceReader> readers;
    private final List<Validator> validators;
    private Document document;
    private String documentSha;
    private Invoice justRead;
    private String justReadId;

    private final Capabilities later;

    /**
     * The capabilities of the steps after validation, as installed now; each may be absent.
     *
     * @param duplicates the duplicate check, or null
     * @param archive the legal archive, or null
     * @param defaults a dossier's defaults (duplicate mode, retention, automatic delivery)
     * @param extensions what follows the archive (deliveries, exports), empty in tests
     */
    public record Capabilities(
            DuplicateCheck duplicates,
            Archive archive,
            java.util.function.Function<String, Dossiers.DossierDefaults> defaults,
            List<PipelineExtension> extensions) {
        /** The built-in defaults of every dossier: duplicates looked for (WARN), kept ten years. */
        public static final Dossiers.DossierDefaults BUILT_IN =
                new Dossiers.DossierDefaults(
                        "fr",
                        30,
                        false,
                        false,
                        DuplicateMode.WARN,
                        Dossiers.LEGAL_RETENTION_YEARS,
                        Dossiers.LanguageSource.COMPANY,
                        72);

        /** None installed, built-in defaults everywhere. */
        public static final Capabilities NONE =
                new Capabilities(null, null, dossier -> BUILT_IN, List.of());
    }

    /**
     * @param inbox the stores
     * @param readers the readers installed now, by capability id
     * @param validators the validators installed now
     */
    public Steps(
            InboxService inbox, Map<String, InvoiceReader> readers, List<Validator> validators) {
        this(inbox, readers, validators, Capabilities.NONE);
    }

    /**
     * @param inbox the stores
     * @param readers the readers installed now, by capability id
     * @param validators the validators installed now
     * @param later the duplicate check and the archive installed now
     */
    public Steps(
            InboxService inbox,
            Map<String, InvoiceReader> readers,
            List<Validator> validators,
            Capabilities later) {
        this.inbox = inbox;
        this.readers = readers;
        this.validators = validators;
        this.later = later;
    }

    /** Runs one step on an invoice within the transaction {@code c}. */
    public Outcome run(Connection c, String step, String invoiceId) throws Exception {
        InvoiceStore store = inbox.invoices();
        InvoiceRow row =
                store.find(c, invoiceId)
                        .orElseThrow(() -> new IllegalStateException("No invoice " + invoiceId));
        Document doc = document(row);
        return switch (step) {
            case DETECT -> detect(c, row, doc);
            case READ -> read(c, row, doc);
            case VALIDATE -> validate(c, row, doc);
            case DUPLICATES -> duplicates(c, row, doc);
            case ARCHIVE -> archive(c, row, doc);
            default -> throw new IllegalStateException("Unknown step " + step);
        };
    }

    /** The document, read from the store once per chain of steps. */
    private Document document(InvoiceRow row) throws java.io.IOException {
        if (document == null || !row.sha256().equals(documentSha)) {
            document =
                    new Document(
                            row.fileName(), row.mediaType(), inbox.documents().read(row.sha256()));
            documentSha = row.sha256();
        }
        return document;
    }

    private Outcome detect(Connection c, InvoiceRow row, Document doc) throws Exception {
        if (readers.isEmpty()) {
            return new Wait(Message.of("waiting.noReader"));
        }
        for (Map.Entry<String, InvoiceReader> e : readers.entrySet()) {
            Optional<Syntax> syntax = e.getValue().detect(doc);
            if (syntax.isPresent()) {
                inbox.invoices()
                        .detected(
                                c,
                                row.id(),
                                syntax.get().syntax(),
                                syntax.get().profile(),
                                e.getKey());
                if (row.status() == InvoiceStatus.REJECTED) {
                    // refused earlier by the readers then installed: a newer one knows it
                    inbox.invoices().status(c, row.id(), InvoiceStatus.RECEIVED, null);
                }
                inbox.invoices()
                        .event(
                                c,
                                row.id(),
                                DETECT,
                                "ok",
                                syntax.get().profile().isEmpty()
                                        ? Message.of("detected", syntax.get().syntax())
                                        : Message.of(
                                                "detected.profile",
                                                syntax.get().syntax(),
                                                syntax.get().profile()));
                return new Next(READ, true);
            }
        }
        Message reason = Message.of("rejected.unrecognised", String.join(", ", readers.keySet()));
        reject(c, row.id(), DETECT, reason);
        return new RejectedUntilNewReader(reason);
    }

    private Outcome read(Connection c, InvoiceRow row, Document doc) throws Exception {
        InvoiceReader reader = readers.get(row.reader());
        if (reader == null) {
            return new Wait(Message.of("waiting.readerMissing", row.reader()));
        }
        Invoice invoice;
        try {
            invoice = reader.read(doc);
        } catch (UnreadableInvoiceException e) {
            reject(c, row.id(), READ, Message.of("rejected.unreadable", e.getMessage()));
            return Next.END;
        }
        inbox.derived().saveInvoice(row.id(), invoice);
        justRead = invoice;
        justReadId = row.id();
        inbox.invoices().read(c, row.id(), invoice);
        // the directory knows every buyer: delivery finds the customer's addresses there
        Optional<String> customer = inbox.customers().fromBuyer(c, row.dossier(), invoice.buyer());
        if (customer.isPresent()) {
            inbox.invoices().customer(c, row.id(), customer.get());
        }
        inbox.invoices()
                .event(
                        c,
                        row.id(),
                        READ,
                        "ok",
                        invoice.seller() == null
                                ? Message.of("read", invoice.number(), invoice.issueDate())
                                : Message.of(
                                        "read.from",
                                        invoice.number(),
                                        invoice.issueDate(),
                                        invoice.seller().name()));
        return new Next(VALIDATE, true);
    }

    private Outcome validate(Connection c, InvoiceRow row, Document doc) throws Exception {
        if (validators.isEmpty()) {
            return new Wait(Message.of("waiting.noValidator"));
        }
        Invoice invoice = readInvoice(row, doc);
        Syntax syntax = new Syntax(row.format(), row.profile());
        List<String> ruleSets = new ArrayList<>();
        List<ValidationReport.Finding> findings = new ArrayList<>();
        for (Validator v : validators) {
            if (v.appliesTo(syntax)) {
                ValidationReport report = v.validate(doc, invoice);
                ruleSets.add(report.ruleSet());
                findings.addAll(report.findings());
            }
        }
        ValidationReport merged = new ValidationReport(String.join(", ", ruleSets), findings);
        inbox.derived().saveReport(row.id(), merged);
        long errors =
                findings.stream()
                        .filter(f -> f.severity() == ValidationReport.Severity.ERROR)
                        .count();
        Message summary =
                ruleSets.isEmpty()
                        ? Message.of("validated.none", row.format())
                        : Message.of(
                                "validated",
                                String.join(", ", ruleSets),
                                errors,
                                findings.size() - errors);
        InvoiceStatus status = errors > 0 ? InvoiceStatus.INVALID : InvoiceStatus.READY;
        inbox.invoices().event(c, row.id(), VALIDATE, errors > 0 ? "invalid" : "ok", summary);
        inbox.invoices().status(c, row.id(), status, errors > 0 ? summary.english() : null);
        return new Next(DUPLICATES, true);
    }

    /**
     * Looks for the same invoice in the dossier, whatever channel or syntax it came by, unless the
     * dossier's duplicate mode is OFF. A duplicate's status is DUPLICATE (in BLOCK mode it is never
     * sent); a suspected one is only flagged on the timeline. Runs in the chain's transaction: the
     * check is idempotent per document.
     */
    private Outcome duplicates(Connection c, InvoiceRow row, Document doc) throws Exception {
        DuplicateMode mode = later.defaults().apply(row.dossier()).duplicateMode();
        if (mode == DuplicateMode.OFF) {
            return new Next(ARCHIVE, false);
        }
        if (later.duplicates() == null) {
            return new Wait(Message.of("waiting.noDuplicateCheck"));
        }
        Invoice invoice = readInvoice(row, doc);
        DuplicateCheck.DuplicateVerdict verdict =
                later.duplicates().check(row.dossier(), row.id(), invoice);
        switch (verdict.outcome()) {
            case DUPLICATE -> {
                Message said = Message.of("duplicates.duplicate", others(verdict), fields(verdict));
                inbox.invoices().event(c, row.id(), DUPLICATES, "duplicate", said);
                if (row.status() == InvoiceStatus.READY || row.status() == InvoiceStatus.RECEIVED) {
                    inbox.invoices().status(c, row.id(), InvoiceStatus.DUPLICATE, said.english());
                }
            }
            case SUSPECTED ->
                    inbox.invoices()
                            .event(
                                    c,
                                    row.id(),
                                    DUPLICATES,
                                    "suspected",
                                    Message.of(
                                            "duplicates.suspected",
                                            others(verdict),
                                            fields(verdict)));
            default ->
                    inbox.invoices()
                            .event(c, row.id(), DUPLICATES, "ok", Message.of("duplicates.none"));
        }
        // archiving writes outside the database: a job of its own, not repeated with the chain
        return new Next(ARCHIVE, false);
    }

    /** Archives the original, write-once; the same bytes again are the same entry. */
    private Outcome archive(Connection c, InvoiceRow row, Document doc) throws Exception {
        if (later.archive() == null) {
            return new Wait(Message.of("waiting.noArchive"));
        }
        // kept from the invoice's issue date for the dossier's retention, never less than the
        // legal ten years (French and German law); the archive may keep it longer, never shorter
        java.time.LocalDate issued =
                row.issueDate() != null ? row.issueDate() : java.time.LocalDate.now();
        Dossiers.DossierDefaults defaults = later.defaults().apply(row.dossier());
        Archive.ArchiveEntry entry =
                later.archive()
                        .store(
                                row.dossier(),
                                row.id(),
                                doc,
                                issued.plusYears(defaults.retentionYears()));
        inbox.invoices()
                .event(
                        c,
                        row.id(),
                        ARCHIVE,
                        "ok",
                        Message.of("archived", entry.sha256(), entry.retainUntil()));
        // archived first, then sent and exported: the dossier's automatic delivery, its
        // connectors, unless its rules refuse
        for (PipelineExtension extension : later.extensions()) {
            extension.archived(c, row);
        }
        return Next.END;
    }

    /**
     * The invoice as read: from this chain, else from the derived store, else read again (what is
     * derived is not forced to disk: after a crash it may be missing, the original never is).
     */
    private Invoice readInvoice(InvoiceRow row, Document doc) throws Exception {
        if (justRead != null && row.id().equals(justReadId)) {
            return justRead;
        }
        Optional<Invoice> saved = inbox.derived().invoice(row.id());
        if (saved.isPresent()) {
            return saved.get();
        }
        InvoiceReader reader = readers.get(row.reader());
        if (reader == null) {
            throw new IllegalStateException(
                    "Invoice " + row.id() + " must be read again and its reader is not installed");
        }
        Invoice invoice = reader.read(doc);
        inbox.derived().saveInvoice(row.id(), invoice);
        return invoice;
    }

    /** The fields the first match shares, said in the reader's language. */
    private static String fields(DuplicateCheck.DuplicateVerdict verdict) {
        return verdict.matches().isEmpty()
                ? ""
                : Message.keys(
                        verdict.matches().get(0).fields().stream()
                                .map(f -> "field." + f.name().toLowerCase(java.util.Locale.ROOT))
                                .toList());
    }

    /** The other invoice(s) a verdict names. */
    private static String others(DuplicateCheck.DuplicateVerdict verdict) {
        return String.join(
                ", ", verdict.matches().stream().map(DuplicateCheck.Match::documentId).toList());
    }

    private void reject(Connection c, String id, String step, Message reason) throws Exception {
        inbox.invoices().event(c, id, step, "rejected", reason);
        inbox.invoices().status(c, id, InvoiceStatus.REJECTED, reason.english());
    }
}
