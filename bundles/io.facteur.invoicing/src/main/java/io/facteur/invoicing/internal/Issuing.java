package io.facteur.invoicing.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Customers;
import io.facteur.api.Document;
import io.facteur.api.Dossiers;
import io.facteur.api.Inbox;
import io.facteur.api.InboxException;
import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.invoicing.internal.DocumentStateException.Reason;
import io.facteur.invoicing.internal.StoredDocument.State;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues drafts: gives each its number and makes it final in one transaction, then hands its
 * Factur-X to the dossier's inbox.
 *
 * <p>The transaction locks the dossier's sequence row first, so that issues in one dossier take
 * their numbers one after the other, with issue dates that never go back; it checks the draft again
 * (a refused draft, like any failure before the commit, rolls back and takes no number), fixes the
 * issue date, due date and language, and stores the snapshot the CII and PDF are written from.
 * After the commit the Factur-X goes to the inbox and the document becomes {@code SUBMITTED}. A
 * crash or a refusal between the two leaves it {@code ISSUED}: {@link #resubmitPending} (run at
 * activation, then every few minutes) writes the same bytes again from the snapshot and submits
 * them, and the inbox keeps identical bytes once. So a number is never lost, never given twice, and
 * never out of order.
 */
@Component(service = Issuing.class)
@Capability(
        capability = Issuing.CHANNEL,
        kind = CapabilityKind.IMPORT_CHANNEL,
        label = "Online invoicing (Factur-X)")
public final class Issuing {
    /** The channel id the inbox records for issued invoices. */
    public static final String CHANNEL = "invoicing";

    /** How often the component retries the submissions that failed. */
    static final Duration RETRY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(Issuing.class);

    /**
     * An issued invoice.
     *
     * @param documentId the document's id
     * @param number its number
     * @param issueDate its issue date
     * @param inboxDocumentId the inbox's id of its Factur-X, null when the submission failed and
     *     waits for {@link #resubmitPending}
     */
    public record Issued(
            String documentId, String number, LocalDate issueDate, String inboxDocumentId) {}

    /** Where tests make issuing fail. */
    interface Hooks {
        /** Just before the commit, the snapshot and number written. */
        default void beforeCommit(String number) throws SQLException {}

        /** Just after the commit, before the submission. */
        default void afterCommit(String number) {}
    }

    private final InvoicingDatabase database;
    private final Inbox inbox;
    private volatile PdfInvoiceEmbedder embedder;
    private final Clock clock;
    private final LanguageRule languageRule;
    private final Duration grace;
    private final Sequences sequences;
    private volatile Hooks hooks = new Hooks() {};
    private ScheduledExecutorService background;

    /**
     * The component: days are counted in France's time zone; the invoice's language follows each
     * dossier's rule (its own, or the customer's).
     */
    @Activate
    public Issuing(
            @Reference InvoicingDatabase database,
            @Reference Inbox inbox,
            @Reference Dossiers dossiers,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) Customers customers) {
        this(
                database,
                inbox,
                null,
                Clock.system(ZoneId.of("Europe/Paris")),
                LanguageRule.of(dossiers, customers),
                Duration.ofMinutes(2));
        background =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "facteur-invoicing-resubmit");
                            thread.setDaemon(true);
                            return thread;
                        });
        background.scheduleWithFixedDelay(
                this::resubmitQuietly, 0, RETRY.toMinutes(), TimeUnit.MINUTES);
    }

    /**
     * Issuing with its collaborators given.
     *
     * @param clock the clock whose day is the issue date
     * @param languageRule the dossier's rule for drafts without a language
     * @param grace how old an unsubmitted issue must be before {@link #resubmitPending} takes it
     *     over (the issuing thread may still be submitting it)
     */
    Issuing(
            InvoicingDatabase database,
            Inbox inbox,
            PdfInvoiceEmbedder embedder,
            Clock clock,
            LanguageRule languageRule,
            Duration grace) {
        this.database = database;
        this.inbox = inbox;
        this.embedder = embedder;
        this.clock = clock;
        this.languageRule = languageRule;
        this.grace = grace;
        this.sequences = new Sequences(database, clock);
    }

    /**
     * The Factur-X embedder (the format feature's). Without it invoices are still issued, numbered
     * and kept; they wait, as ISSUED, and are handed to the inbox once it is back.
     */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetEmbedder")
    void setEmbedder(PdfInvoiceEmbedder embedder) {
        this.embedder = embedder;
        ScheduledExecutorService running = background;
        if (running != null) {
            // what waited for it goes once the issuing threads are surely done with it
            running.schedule(this::resubmitQuietly, grace.toSeconds() + 1, TimeUnit.SECONDS);
        }
    }

    void unsetEmbedder(PdfInvoiceEmbedder embedder) {
        if (this.embedder == embedder) {
            this.embedder = null;
        }
    }

    private void resubmitQuietly() {
        try {
            resubmitPending();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cannot resubmit the issued invoices not yet submitted", e);
        }
    }

    /** The files of an invoice, with the embedder installed now. */
    private InvoiceFiles files() throws UnreadableInvoiceException {
        PdfInvoiceEmbedder now = embedder;
        if (now == null) {
            throw new UnreadableInvoiceException(
                    "No Factur-X embedder is installed (feature facteur-format): the invoice waits");
        }
        return new InvoiceFiles(now);
    }

    @Deactivate
    void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    void hooks(Hooks hooks) {
        this.hooks = hooks;
    }

    /** Issues the draft whatever its version. */
    public Issued issue(String dossier, String draftId, Locale locale)
            throws ProblemsException, DocumentStateException, SQLException {
        return issue(dossier, draftId, null, locale);
    }

    /**
     * Issues a draft: numbers it, makes it final and submits its Factur-X.
     *
     * @param expectedVersion the version the user saw, or null for any
     * @param locale the language of the problems
     * @throws ProblemsException when the draft or the seller profile cannot be issued; no number is
     *     taken
     * @throws DocumentStateException when the draft is missing, changed since {@code
     *     expectedVersion}, or already issued
     */
    public Issued issue(String dossier, String draftId, Long expectedVersion, Locale locale)
            throws ProblemsException, DocumentStateException, SQLException {
        sequences.ensure(dossier);
        Snapshot snapshot;
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                snapshot = issue(c, dossier, draftId, expectedVersion, locale);
                hooks.beforeCommit(snapshot.invoice().number());
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        hooks.afterCommit(snapshot.invoice().number());
        String inboxId = null;
        try {
            inboxId = submit(snapshot);
        } catch (InboxException | UnreadableInvoiceException | RuntimeException e) {
            LOG.warn(
                    "Invoice {} of dossier {} is issued but not yet in the inbox; it will be"
                            + " submitted again",
                    snapshot.invoice().number(),
                    dossier,
                    e);
        }
        IssuedInvoice invoice = snapshot.invoice();
        return new Issued(draftId, invoice.number(), invoice.issueDate(), inboxId);
    }

    /**
     * Submits the issued invoices whose submission failed or was cut short, from their snapshots,
     * in number order; those still failing stay for the next call.
     *
     * @return how many are now submitted
     */
    public int resubmitPending() throws SQLException {
        List<Snapshot> pending = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT id, issued, issued_at FROM "
                                        + InvoicingSchema.DOCUMENT
                                        + " WHERE state = ? AND issued_at <= ?"
                                        + " ORDER BY issued_at, number")) {
            p.setString(1, State.ISSUED.name());
            p.setTimestamp(2, Timestamp.from(clock.instant().minus(grace)));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    pending.add(
                            new Snapshot(
                                    r.getString(1),
                                    Json.read(r.getString(2), IssuedInvoice.class),
                                    r.getTimestamp(3).toInstant()));
                }
            }
        }
        int submitted = 0;
        for (Snapshot snapshot : pending) {
            try {
                submit(snapshot);
                submitted++;
            } catch (InboxException | UnreadableInvoiceException | RuntimeException e) {
                LOG.warn(
                        "Invoice {} of dossier {} is still not in the inbox",
                        snapshot.invoice().number(),
                        snapshot.invoice().dossier(),
                        e);
            }
        }
        return submitted;
    }

    /** The clock whose day is the issue date. */
    Clock clock() {
        return clock;
    }

    /**
     * The Factur-X of an issued invoice, made again from its snapshot: the same pages and XML that
     * were (or will be) submitted; empty when the dossier has no issued document of that id.
     */
    java.util.Optional<Document> facturX(String dossier, String documentId)
            throws SQLException, UnreadableInvoiceException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT issued, issued_at FROM "
                                        + InvoicingSchema.DOCUMENT
                                        + " WHERE id = ? AND dossier = ? AND issued IS NOT NULL")) {
            p.setString(1, documentId);
            p.setString(2, dossier);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(
                        files().facturX(
                                        Json.read(r.getString(1), IssuedInvoice.class),
                                        r.getTimestamp(2).toInstant()));
            }
        }
    }

    /** The issue, inside the caller's transaction. */
    private Snapshot issue(
            Connection c, String dossier, String draftId, Long expectedVersion, Locale locale)
            throws SQLException, ProblemsException, DocumentStateException {
        Sequences.Locked sequence = sequences.lock(c, dossier);
        LocalDate today = sequence.issueDate(LocalDate.now(clock));
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        StoredDocument stored =
                Documents.find(c, dossier, draftId)
                        .orElseThrow(() -> new DocumentStateException(Reason.NOT_FOUND, draftId));
        if (stored.state() != State.DRAFT) {
            throw new DocumentStateException(Reason.ISSUED, draftId);
        }
        if (expectedVersion != null && expectedVersion != stored.version()) {
            throw new DocumentStateException(Reason.STALE, draftId);
        }
        SellerProfile seller = SellerProfiles.find(c, dossier).orElse(null);
        if (seller == null) {
            ProblemList problems = new ProblemList(LocalizedTexts.of("Issuing", locale));
            problems.add("/seller", "seller.missing");
            throw new ProblemsException(problems.list());
        }
        Draft draft = stored.draft();
        String language =
                draft.language().isEmpty()
                        ? languageRule.language(dossier, draft.buyer())
                        : draft.language();
        List<FieldProblem> problems =
                DraftCheck.check(fixed(draft, today, draft.dueDate(), language), seller, locale);
        if (!problems.isEmpty()) {
            throw new ProblemsException(problems);
        }
        LocalDate due = draft.dueDate();
        if (due == null) {
            due = seller.paymentTerm() == null ? today : seller.paymentTerm().dueDate(today);
        }
        Draft fixed = fixed(draft, today, due, language);
        String number = sequence.take(c, today);
        IssuedInvoice invoice =
                new IssuedInvoice(
                        dossier,
                        number,
                        today,
                        due,
                        language,
                        seller,
                        fixed,
                        InvoiceCalculator.totals(fixed, language));
        try (PreparedStatement p =
                c.prepareStatement(
                        "UPDATE "
                                + InvoicingSchema.DOCUMENT
                                + " SET state = ?, number = ?, issue_date = ?, issued_at = ?,"
                                + " issued = ?, draft = ?, updated_at = ?, version = version + 1"
                                + " WHERE id = ? AND dossier = ? AND version = ? AND state = ?")) {
            p.setString(1, State.ISSUED.name());
            p.setString(2, number);
            p.setDate(3, Date.valueOf(today));
            p.setTimestamp(4, Timestamp.from(issuedAt));
            p.setString(5, Json.write(invoice));
            p.setString(6, Json.write(fixed));
            p.setTimestamp(7, Timestamp.from(clock.instant()));
            p.setString(8, draftId);
            p.setString(9, dossier);
            p.setLong(10, stored.version());
            p.setString(11, State.DRAFT.name());
            if (p.executeUpdate() != 1) {
                throw new DocumentStateException(Reason.STALE, draftId);
            }
        }
        return new Snapshot(draftId, invoice, issuedAt);
    }

    private String submit(Snapshot snapshot)
            throws InboxException, UnreadableInvoiceException, SQLException {
        IssuedInvoice invoice = snapshot.invoice();
        Document facturX = files().facturX(invoice, snapshot.issuedAt());
        Inbox.InboxReceipt receipt =
                inbox.accept(
                        invoice.dossier(), facturX, new Inbox.Source(CHANNEL, invoice.number()));
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + InvoicingSchema.DOCUMENT
                                        + " SET state = ?, inbox_document_id = ?, updated_at = ?,"
                                        + " version = version + 1 WHERE id = ? AND state = ?")) {
            p.setString(1, State.SUBMITTED.name());
            p.setString(2, receipt.documentId());
            p.setTimestamp(3, Timestamp.from(clock.instant()));
            p.setString(4, snapshot.documentId());
            p.setString(5, State.ISSUED.name());
            p.executeUpdate();
        }
        return receipt.documentId();
    }

    /** The draft with what issuing fixes. */
    private static Draft fixed(Draft d, LocalDate issueDate, LocalDate dueDate, String language) {
        return new Draft(
                d.creditNote(),
                d.currency(),
                issueDate,
                dueDate,
                language,
                d.buyer(),
                d.lines(),
                d.adjustments(),
                d.notes(),
                d.paymentTermsText(),
                d.paymentMeansCode(),
                d.purchaseOrder(),
                d.precedingInvoice(),
                d.precedingInvoiceDate(),
                d.exemptionReasons(),
                d.deliveryDate() != null ? d.deliveryDate() : issueDate);
    }

    /** An issued invoice as stored, with the moment of its issue. */
    private record Snapshot(String documentId, IssuedInvoice invoice, Instant issuedAt) {}
}
