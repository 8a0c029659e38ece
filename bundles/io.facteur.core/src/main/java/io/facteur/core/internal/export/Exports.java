package io.facteur.core.internal.export;

import io.facteur.api.Document;
import io.facteur.api.Dossiers;
import io.facteur.api.ExportConnector;
import io.facteur.api.ExportException;
import io.facteur.api.InvoiceChanges;
import io.facteur.api.invoice.Invoice;
import io.facteur.core.internal.delivery.Deliveries;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.Message;
import io.facteur.core.internal.pipeline.JobQueue.Job;
import io.facteur.core.internal.pipeline.PipelineExtension;
import io.facteur.core.internal.pipeline.Steps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports documents through the dossiers' active connectors, as jobs of the pipeline's queue.
 *
 * <p>A document is offered to the connectors of its dossier once archived, and again at each later
 * change of its status (read from the core's status feed): each ACTIVE connector whose documents
 * and statuses match gets one export per (document, connector, document version). The job checks
 * the dossier's rules again (a blocked duplicate never goes out), waits while the connector's kind
 * is not installed or the connector is not active, converts the document to the connector's format
 * (refused when the result does not read back to the same business terms), and sends it. The
 * export's id is its idempotency key: a retry never gives the receiver a second copy. Transient
 * failures are tried again with backoff for {@code retryHours}; permanent ones stop the export with
 * the reason.
 */
@Component(
        service = {Exports.class, PipelineExtension.class},
        configurationPid = ExportConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ExportConfig.class)
public class Exports implements PipelineExtension {
    /** The pipeline step of an export; its job's ref is the export id. */
    public static final String STEP = "export";

    /** Who asked, for the exports of a connector of its own accord. */
    public static final String AUTOMATIC = "automatic";

    private static final String FEED = "offers";
    private static final int FEED_BATCH = 200;

    private final Logger logger = LoggerFactory.getLogger(Exports.class);
    private final InboxService inbox;
    private final Dossiers dossiers;
    private final Connectors connectors;
    private final Formats formats;
    private final InvoiceChanges changes;
    private final io.facteur.core.internal.adapt.Adaptations adaptations;
    private final ConnectorStore connectorStore = new ConnectorStore();
    private final ExportStore store = new ExportStore();
    private volatile Duration retryFor;
    private volatile Duration maxBackoff;
    private volatile int maxReplay;
    private volatile io.facteur.api.Archive archive;

    @Activate
    public Exports(
            @Reference InboxService inbox,
            @Reference Dossiers dossiers,
            @Reference Connectors connectors,
            @Reference Formats formats,
            @Reference InvoiceChanges changes,
            @Reference io.facteur.core.internal.adapt.Adaptations adaptations,
            ExportConfig config) {
        this.adaptations = adaptations;
        this.inbox = inbox;
        this.dossiers = dossiers;
        this.connectors = connectors;
        this.formats = formats;
        this.changes = changes;
        modified(config);
        connectors.onChange(this::resume);
        formats.onInstalled(this::resume);
    }

    /** Exports outside OSGi (tests). */
    public static Exports standalone(
            InboxService inbox,
            Dossiers dossiers,
            Connectors connectors,
            Formats formats,
            InvoiceChanges changes,
            io.facteur.core.internal.adapt.Adaptations adaptations,
            Duration retryFor,
            Duration maxBackoff) {
        Exports e =
                new Exports(inbox, dossiers, connectors, formats, changes, adaptations, defaults());
        e.timing(retryFor, maxBackoff);
        return e;
    }

    private static ExportConfig defaults() {
        return new ExportConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return ExportConfig.class;
            }

            @Override
            public int retryHours() {
                return 24;
            }

            @Override
            public int maxBackoffMinutes() {
                return 30;
            }

            @Override
            public int maxReplay() {
                return 50000;
            }
        };
    }

    @Reference(
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    public void setArchive(io.facteur.api.Archive archive) {
        this.archive = archive;
    }

    public void unsetArchive(io.facteur.api.Archive archive) {
        if (this.archive == archive) {
            this.archive = null;
        }
    }

    /**
     * The document as archived, checked against the hash it was received with; the inbox's copy
     * when no archive is installed (or it no longer holds it).
     */
    private Document original(InvoiceRow row) throws java.io.IOException {
        io.facteur.api.Archive a = archive;
        if (a != null) {
            Optional<Document> kept = a.retrieve(row.dossier(), row.id());
            if (kept.isPresent()) {
                String sha = io.facteur.core.internal.Sha256.hex(kept.get().content());
                if (!sha.equals(row.sha256())) {
                    throw new java.io.IOException(
                            "The archived copy of " + row.id() + " does not match its hash");
                }
                return new Document(row.fileName(), row.mediaType(), kept.get().content());
            }
        }
        return new Document(row.fileName(), row.mediaType(), inbox.documents().read(row.sha256()));
    }

    @Modified
    void modified(ExportConfig config) {
        this.retryFor = Duration.ofHours(config.retryHours());
        this.maxBackoff = Duration.ofMinutes(config.maxBackoffMinutes());
        this.maxReplay = config.maxReplay();
    }

    /** For tests: shorter retry times than whole hours and minutes. */
    public void timing(Duration retryFor, Duration maxBackoff) {
        this.retryFor = retryFor;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public String step() {
        return STEP;
    }

    /** A connector kind, a writer or a reader arrived, or a connector was switched on. */
    private void resume() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                if (inbox.queue().wake(STEP) > 0) {
                    logger.info("Exports waiting for a connector or a format resume");
                }
                inbox.queue().enqueued();
                return;
            } catch (SQLException e) {
                sleep(10L * attempt);
            }
        }
        logger.warn("Cannot resume waiting exports");
    }

    @Override
    public void archived(Connection c, InvoiceRow row) throws SQLException {
        offer(c, row);
    }

    /**
     * Reads the status feed from where it stopped: each change of an archived invoice is offered to
     * the dossier's connectors. Starts at the head of the feed the first time (what happened before
     * exports existed is exported by a replay, if wanted).
     */
    @Override
    public void tick() {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                long cursor = store.cursor(c, FEED);
                if (cursor < 0) {
                    store.cursor(c, FEED, changes.head());
                    c.commit();
                    return;
                }
                List<InvoiceChanges.Change> batch = changes.after(cursor, FEED_BATCH);
                for (InvoiceChanges.Change change : batch) {
                    Optional<InvoiceRow> row = inbox.invoices().find(c, change.invoiceId());
                    if (row.isPresent() && archived(c, row.get().id())) {
                        offer(c, row.get());
                    }
                    cursor = change.seq();
                }
                if (!batch.isEmpty()) {
                    store.cursor(c, FEED, cursor);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            logger.warn("Exports cannot read the status feed: {}", e.getMessage());
        }
    }

    private boolean archived(Connection c, String invoiceId) throws SQLException {
        return inbox.invoices().hasEvent(c, invoiceId, Steps.ARCHIVE, "ok");
    }

    /**
     * Queues an export to each connector of the dossier that wants the document now: the active
     * ones, and those switched on once whose connection changed since (their exports wait for a new
     * test), never those switched off or never switched on.
     */
    private void offer(Connection c, InvoiceRow row) throws SQLException {
        List<ConnectorRow> active = connectorStore.exporting(c, row.dossier());
        if (active.isEmpty()
                || Deliveries.refusal(row, dossiers.defaults(row.dossier())).isPresent()) {
            return;
        }
        for (ConnectorRow connector : active) {
            if (connector.documents().includes(row.typeCode())
                    && connector.statuses().contains(row.status())) {
                queue(c, row, connector, "", AUTOMATIC);
            }
        }
    }

    private boolean queue(
            Connection c, InvoiceRow row, ConnectorRow connector, String replay, String by)
            throws SQLException {
        Optional<ExportRow> added =
                store.insert(c, connector.id(), row.dossier(), row.id(), row.sha256(), replay, by);
        if (added.isEmpty()) {
            return false;
        }
        inbox.invoices()
                .event(
                        c,
                        row.id(),
                        STEP,
                        "queued",
                        replay.isEmpty()
                                ? Message.of("export.queued", connector.name())
                                : Message.of("export.queued.replay", connector.name(), by));
        inbox.queue().enqueue(c, row.id(), STEP, added.get().id());
        return true;
    }

    /**
     * Re-exports the documents of a period (by issue date, BT-2) through a connector, from the
     * archive, whatever its statuses: for a receiver that lost files. Each gets a new export (a new
     * idempotency key), so the receiver gets them again. Documents the dossier's rules refuse, and
     * those not archived yet, are left out.
     *
     * @return the replay's id and how many exports it queued
     * @throws IllegalArgumentException when the period holds more than {@code maxReplay}
     */
    public Optional<Replay> replay(
            String dossier, String connectorId, LocalDate from, LocalDate to, String by)
            throws SQLException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The period ends before it starts");
        }
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                Optional<ConnectorRow> connector = connectorStore.find(c, dossier, connectorId);
                if (connector.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                List<String> ids = inPeriod(c, dossier, from, to);
                if (ids.size() > maxReplay) {
                    throw new IllegalArgumentException(
                            "The period holds "
                                    + ids.size()
                                    + " documents, more than "
                                    + maxReplay
                                    + " at once: ask for a shorter period");
                }
                String replay = io.facteur.core.internal.Ids.next();
                int queued = 0;
                int skipped = 0;
                Dossiers.DossierDefaults defaults = dossiers.defaults(dossier);
                for (String id : ids) {
                    InvoiceRow row = inbox.invoices().find(c, id).orElseThrow();
                    if (!connector.get().documents().includes(row.typeCode())
                            || Deliveries.refusal(row, defaults).isPresent()) {
                        skipped++;
                    } else if (queue(c, row, connector.get(), replay, by)) {
                        queued++;
                    }
                }
                c.commit();
                inbox.queue().enqueued();
                logger.info(
                        "Replay {} of connector {} ({} to {}) by {}: {} export(s), {} left out",
                        replay,
                        connectorId,
                        from,
                        to,
                        by,
                        queued,
                        skipped);
                return Optional.of(new Replay(replay, queued, skipped));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * A replay.
     *
     * @param id its id
     * @param queued how many exports it queued
     * @param skipped how many documents of the period the dossier's rules or the connector's
     *     documents left out
     */
    public record Replay(String id, int queued, int skipped) {}

    /** The archived documents of the dossier issued in the period, oldest first. */
    private static List<String> inPeriod(Connection c, String dossier, LocalDate from, LocalDate to)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT i.id FROM invoice i WHERE i.dossier_id = ? AND i.issue_date >= ?"
                                + " AND i.issue_date <= ? AND EXISTS (SELECT 1 FROM invoice_event e"
                                + " WHERE e.invoice_id = i.id AND e.step = ? AND e.outcome = 'ok')"
                                + " ORDER BY i.issue_date, i.id")) {
            ps.setString(1, dossier);
            ps.setDate(2, java.sql.Date.valueOf(from));
            ps.setDate(3, java.sql.Date.valueOf(to));
            ps.setString(4, Steps.ARCHIVE);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    /** A connector's exports, newest first. */
    public List<ExportRow> ofConnector(String connectorId, int max) throws SQLException {
        try (Connection c = inbox.database().connection()) {
            return store.ofConnector(c, connectorId, max);
        }
    }

    /** An invoice's exports, oldest first. */
    public List<ExportRow> ofInvoice(String invoiceId) throws SQLException {
        try (Connection c = inbox.database().connection()) {
            return store.ofInvoice(c, invoiceId);
        }
    }

    /** What the first transaction found to send. */
    private record Prepared(
            ExportRow export, ConnectorRow connector, ExportConnector service, InvoiceRow row) {}

    @Override
    public void run(Job job) {
        Prepared p;
        try {
            p = prepare(job);
        } catch (Exception e) {
            logger.warn("Export {} could not be prepared", job.ref(), e);
            fail(job, null, Message.of("export.failed", "", e.toString()), e.toString(), true);
            return;
        }
        if (p == null) {
            return;
        }
        ExportConnector.Export export;
        Message how;
        try {
            Document original = original(p.row());
            Invoice invoice =
                    inbox.derived()
                            .invoice(p.row().id())
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "Invoice " + p.row().id() + " was not read"));
            Locale locale = Locale.forLanguageTag(dossiers.defaults(p.row().dossier()).language());
            Formats.Converted converted =
                    Formats.RECEIVER.equals(p.connector().format())
                            ? receiversForm(p.row(), original, invoice, locale)
                            : formats.convert(
                                    p.row(), original, invoice, p.connector().format(), locale);
            how = converted.how();
            Map<String, Object> connection = connectors.connection(p.connector());
            export =
                    new ExportConnector.Export(
                            p.export().id(),
                            p.row().dossier(),
                            p.connector().id(),
                            p.row().id(),
                            invoice,
                            converted.document(),
                            p.connector().format(),
                            converted.extension(),
                            connection);
            attempting(p, p.connector().format());
        } catch (io.facteur.core.internal.adapt.Adaptations.AdaptationException e) {
            if (e.waiting()) {
                park(job, e.reason());
            } else {
                fail(
                        job,
                        p,
                        Message.of("export.failed", p.connector().name(), e.reason().english()),
                        e.getMessage(),
                        false);
            }
            return;
        } catch (Formats.ConversionException e) {
            if (e.waiting()) {
                park(job, e.reason());
            } else {
                fail(
                        job,
                        p,
                        Message.of("export.failed", p.connector().name(), e.reason().english()),
                        e.getMessage(),
                        false);
            }
            return;
        } catch (Exception e) {
            fail(
                    job,
                    p,
                    Message.of("export.failed", p.connector().name(), e.toString()),
                    e.toString(),
                    true);
            return;
        }
        String detail;
        try {
            detail = p.service().send(export);
        } catch (ExportException e) {
            fail(
                    job,
                    p,
                    Message.of("export.failed", p.connector().name(), e.getMessage()),
                    e.getMessage(),
                    e.transientFailure());
            return;
        } catch (RuntimeException e) {
            // idempotent at the receiver: trying again is safe
            logger.error("Export {}: connector {} broke", job.ref(), p.connector().capability(), e);
            fail(
                    job,
                    p,
                    Message.of("export.failed", p.connector().name(), e.toString()),
                    e.toString(),
                    true);
            return;
        }
        done(job, p, detail == null ? "" : detail, how);
    }

    /**
     * The customer's form when the dossier allows receiver XML changes and an adapter serves the
     * customer; the original otherwise (said on the timeline when a receiver would want another).
     */
    private Formats.Converted receiversForm(
            InvoiceRow row, Document original, Invoice invoice, Locale locale)
            throws io.facteur.core.internal.adapt.Adaptations.AdaptationException, SQLException {
        Formats.Converted asReceived =
                new Formats.Converted(
                        original, Formats.extension(original), Message.of("export.as.original"));
        if (adaptations == null) {
            return asReceived;
        }
        io.facteur.api.ReceiverAdapter.Receiver receiver = adaptations.receiver(row, invoice);
        if (!dossiers.defaults(row.dossier()).allowReceiverXmlChanges()) {
            adaptations.offNote(row, receiver);
            return asReceived;
        }
        return adaptations
                .adapt(row, original, invoice, receiver, locale)
                .map(
                        a ->
                                new Formats.Converted(
                                        a.document(),
                                        a.extension(),
                                        Message.of("export.as.adapted", a.adapter())))
                .orElse(asReceived);
    }

    private Prepared prepare(Job job) throws Exception {
        return inbox.database().inTransaction(c -> prepare(c, job));
    }

    private Prepared prepare(Connection c, Job job) throws Exception {
        Optional<ExportRow> found = job.ref() == null ? Optional.empty() : store.find(c, job.ref());
        if (found.isEmpty() || found.get().state() != ExportState.QUEUED) {
            inbox.queue().done(c, job.id()); // its connector was deleted, or it is done
            return null;
        }
        ExportRow export = found.get();
        Optional<ConnectorRow> connector =
                connectorStore.find(c, export.dossier(), export.connectorId());
        if (connector.isEmpty()) {
            inbox.queue().done(c, job.id());
            return null;
        }
        InvoiceRow row = inbox.invoices().find(c, export.invoiceId()).orElseThrow();
        Optional<Message> refused = Deliveries.refusal(row, dossiers.defaults(row.dossier()));
        if (refused.isPresent()) {
            store.state(c, export.id(), ExportState.REFUSED, refused.get().english());
            inbox.invoices().event(c, row.id(), STEP, "refused", refused.get());
            inbox.queue().done(c, job.id());
            return null;
        }
        ConnectorRow cr = connector.get();
        Optional<ExportConnector> service = connectors.service(cr.capability());
        if (service.isEmpty()) {
            return park(c, job, row, Message.of("export.waiting.kind", cr.name(), cr.capability()));
        }
        ConnectorState state = connectors.effective(cr, connectors.connection(cr));
        if (state != ConnectorState.ACTIVE) {
            return park(
                    c,
                    job,
                    row,
                    Message.of(
                            "export.waiting.inactive",
                            cr.name(),
                            Message.keys(List.of("connector." + state.name()))));
        }
        if (export.firstAttemptAt() != null
                && Instant.now().isAfter(export.firstAttemptAt().plus(retryFor))) {
            store.state(c, export.id(), ExportState.FAILED, export.detail());
            inbox.invoices()
                    .event(
                            c,
                            row.id(),
                            STEP,
                            "failed",
                            Message.of(
                                    "export.failed", cr.name(), String.valueOf(export.detail())));
            inbox.queue().dead(c, job.id(), String.valueOf(export.detail()));
            return null;
        }
        return new Prepared(export, cr, service.get(), row);
    }

    private Prepared park(Connection c, Job job, InvoiceRow row, Message reason)
            throws SQLException {
        if (!waitingSaid(c, row.id(), reason)) {
            inbox.invoices().event(c, row.id(), STEP, "waiting", reason);
        }
        inbox.queue().park(c, job.id(), STEP, reason.english());
        return null;
    }

    /**
     * True when the timeline's last export event says this already (a wake that changed nothing).
     */
    private boolean waitingSaid(Connection c, String invoiceId, Message reason)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT outcome, detail FROM invoice_event WHERE invoice_id = ? AND step = ?"
                                + " ORDER BY id DESC")) {
            ps.setMaxRows(1);
            ps.setString(1, invoiceId);
            ps.setString(2, STEP);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        && "waiting".equals(rs.getString(1))
                        && rs.getString(2).contains(reason.key());
            }
        }
    }

    private void park(Job job, Message reason) {
        try {
            inbox.database()
                    .inTransaction(
                            c ->
                                    park(
                                            c,
                                            job,
                                            inbox.invoices().find(c, job.invoiceId()).orElseThrow(),
                                            reason));
        } catch (SQLException e) {
            logger.warn("Export {} could not be parked: {}", job.ref(), e.getMessage());
        }
    }

    private void attempting(Prepared p, String format) throws SQLException {
        try (Connection c = inbox.database().connection()) {
            store.attempting(c, p.export().id(), format);
        }
    }

    private void done(Job job, Prepared p, String detail, Message how) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = inbox.database().connection()) {
                c.setAutoCommit(false);
                try {
                    store.state(c, p.export().id(), ExportState.EXPORTED, detail);
                    inbox.invoices()
                            .event(
                                    c,
                                    p.row().id(),
                                    STEP,
                                    "exported",
                                    Message.of(
                                            "export.exported",
                                            p.connector().name(),
                                            detail,
                                            how.text(Locale.ENGLISH)));
                    inbox.queue().done(c, job.id());
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt >= 10) {
                    // exported; the job runs again and the receiver replaces its copy
                    logger.error(
                            "Export {} went out but could not be recorded: {}",
                            job.ref(),
                            e.getMessage());
                    return;
                }
                sleep(20L * attempt);
            }
        }
    }

    /** A failure: tried again with backoff within the retry time when transient, else FAILED. */
    private void fail(Job job, Prepared p, Message why, String reason, boolean transientFailure) {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                Optional<ExportRow> e =
                        job.ref() == null ? Optional.empty() : store.find(c, job.ref());
                Instant since =
                        e.map(r -> r.firstAttemptAt() == null ? r.createdAt() : r.firstAttemptAt())
                                .orElse(Instant.now());
                boolean retry =
                        transientFailure
                                && e.isPresent()
                                && Instant.now().isBefore(since.plus(retryFor));
                String name = p == null ? "" : p.connector().name();
                if (retry) {
                    long seconds =
                            Math.min(
                                    maxBackoff.toSeconds(), 1L << Math.min(job.attempts() + 1, 20));
                    store.state(c, job.ref(), ExportState.QUEUED, reason);
                    inbox.invoices()
                            .event(
                                    c,
                                    job.invoiceId(),
                                    STEP,
                                    "retry",
                                    Message.of("export.retry", name, reason, seconds));
                    inbox.queue().retry(c, job.id(), reason, Duration.ofSeconds(seconds));
                } else {
                    if (e.isPresent()) {
                        store.state(c, job.ref(), ExportState.FAILED, reason);
                    }
                    inbox.invoices().event(c, job.invoiceId(), STEP, "failed", why);
                    inbox.queue().dead(c, job.id(), reason);
                }
                c.commit();
            } catch (SQLException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            logger.warn("Export {}: failure could not be recorded: {}", job.ref(), ex.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
