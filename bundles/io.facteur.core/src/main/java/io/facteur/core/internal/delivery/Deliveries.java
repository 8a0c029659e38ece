package io.facteur.core.internal.delivery;

import io.facteur.api.Capability;
import io.facteur.api.DeliveryChannel;
import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryChannel.Receipt;
import io.facteur.api.DeliveryChannel.Recipient;
import io.facteur.api.DeliveryException;
import io.facteur.api.DeliveryReports;
import io.facteur.api.Document;
import io.facteur.api.Dossiers;
import io.facteur.api.Dossiers.DossierDefaults;
import io.facteur.api.Syntax;
import io.facteur.api.invoice.Invoice;
import io.facteur.core.internal.customer.Customer;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.inbox.Message;
import io.facteur.core.internal.pipeline.JobQueue.Job;
import io.facteur.core.internal.pipeline.PipelineExtension;
import io.facteur.core.internal.render.InvoiceRenderings;
import io.facteur.core.internal.settings.SettingsService;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of invoices to their customers, whatever the channel: asked for by a user, an API
 * key or the dossier's automatic delivery, refused by the dossier's rules (a blocked duplicate, an
 * invalid invoice), run as jobs of the pipeline's queue, with bounces, the correction window and
 * the fallback to the next channel that reaches the customer (the post).
 *
 * <p>Never two sends for one delivery: the attempt is committed before the channel is called and
 * the receipt after. A delivery found with its attempt but without its receipt (a crash during the
 * send) is not sent again: it is UNCERTAIN, and a user decides whether to send it again.
 */
@Component(
        service = {Deliveries.class, DeliveryReports.class, PipelineExtension.class},
        configurationPid = DeliveryConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DeliveryConfig.class)
public class Deliveries implements DeliveryReports, PipelineExtension {
    /** The pipeline step of a delivery; its job's ref is the delivery id. */
    public static final String STEP = "deliver";

    /** Who asked, for deliveries of the dossier's automatic delivery. */
    public static final String AUTOMATIC = "automatic";

    private static final int WINDOW_BATCH = 50;

    private final Logger logger = LoggerFactory.getLogger(Deliveries.class);
    private final InboxService inbox;
    private final Dossiers dossiers;
    private final java.util.function.BiFunction<String, String, Map<String, Object>> settings;
    private final InvoiceRenderings renderings;
    private final DeliveryStore store = new DeliveryStore();
    private final Map<String, Installed> channels = new ConcurrentHashMap<>();
    private volatile Duration retryFor;
    private volatile Duration maxBackoff;
    private volatile io.facteur.core.internal.adapt.Adaptations adaptations;

    /**
     * An installed channel, its rank (the service ranking: higher is tried first), and whether it
     * serves only when named or after a bounce.
     */
    private record Installed(String id, DeliveryChannel channel, int ranking, boolean fallback) {}

    /** A delivery the dossier's rules refuse; the message says why. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Message reason;

        RefusedException(Message reason) {
            super(reason.english(), null, false, false);
            this.reason = reason;
        }

        public Message reason() {
            return reason;
        }
    }

    @Activate
    public Deliveries(
            @Reference InboxService inbox,
            @Reference Dossiers dossiers,
            @Reference SettingsService settings,
            @Reference InvoiceRenderings renderings,
            DeliveryConfig config) {
        this(inbox, dossiers, (d, c) -> channelSettings(settings, d, c), renderings);
        modified(config);
    }

    private Deliveries(
            InboxService inbox,
            Dossiers dossiers,
            java.util.function.BiFunction<String, String, Map<String, Object>> settings,
            InvoiceRenderings renderings) {
        this.inbox = inbox;
        this.dossiers = dossiers;
        this.settings = settings;
        this.renderings = renderings;
    }

    /**
     * Deliveries outside OSGi (tests): channels are added with {@link #addChannel}.
     *
     * @param settings a dossier's settings of a channel: (dossier, channel) to values
     * @param retryFor how long transient failures are retried
     * @param maxBackoff the longest delay between two tries
     */
    public static Deliveries standalone(
            InboxService inbox,
            Dossiers dossiers,
            java.util.function.BiFunction<String, String, Map<String, Object>> settings,
            InvoiceRenderings renderings,
            Duration retryFor,
            Duration maxBackoff) {
        Deliveries d = new Deliveries(inbox, dossiers, settings, renderings);
        d.retryFor = retryFor;
        d.maxBackoff = maxBackoff;
        return d;
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    public void setAdaptations(io.facteur.core.internal.adapt.Adaptations adaptations) {
        this.adaptations = adaptations;
    }

    public void unsetAdaptations(io.facteur.core.internal.adapt.Adaptations adaptations) {
        if (this.adaptations == adaptations) {
            this.adaptations = null;
        }
    }

    @Modified
    void modified(DeliveryConfig config) {
        this.retryFor = Duration.ofHours(config.retryHours());
        this.maxBackoff = Duration.ofMinutes(config.maxBackoffMinutes());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addChannel(DeliveryChannel channel, Map<String, Object> props) {
        String id = String.valueOf(props.get(Capability.ID));
        Object rank = props.get(Constants.SERVICE_RANKING);
        channels.put(
                id,
                new Installed(
                        id,
                        channel,
                        rank instanceof Integer r ? r : 0,
                        Boolean.parseBoolean(String.valueOf(props.get(DeliveryChannel.FALLBACK)))));
        // a wake that loses a deadlock to a concurrent claim is tried again: lost for good, it
        // would leave deliveries waiting for a channel that is there
        for (int attempt = 1; ; attempt++) {
            try {
                if (inbox.queue().wake(STEP) > 0) {
                    logger.info("Deliveries waiting for a channel resume ({} installed)", id);
                }
                inbox.queue().enqueued();
                return;
            } catch (SQLException e) {
                if (attempt >= 10) {
                    logger.warn("Cannot resume waiting deliveries: {}", e.getMessage());
                    return;
                }
                sleep(10L * attempt);
            }
        }
    }

    public void removeChannel(DeliveryChannel channel, Map<String, Object> props) {
        channels.remove(String.valueOf(props.get(Capability.ID)));
    }

    private List<Installed> ranked() {
        return channels.values().stream()
                .sorted(
                        Comparator.comparingInt(Installed::ranking)
                                .reversed()
                                .thenComparing(Installed::id))
                .toList();
    }

    /**
     * Why the dossier's rules refuse to send this invoice now, or empty when they allow it. Every
     * delivery and export asks, manual sends too.
     */
    public static Optional<Message> refusal(InvoiceRow row, DossierDefaults defaults) {
        return switch (row.status()) {
            case DUPLICATE ->
                    defaults.duplicateMode() == Dossiers.DuplicateMode.BLOCK
                            ? Optional.of(Message.of("delivery.refused.duplicate"))
                            : Optional.empty();
            case INVALID -> Optional.of(Message.of("delivery.refused.invalid"));
            case RECEIVED, REJECTED, FAILED ->
                    Optional.of(
                            Message.of(
                                    "delivery.refused.notReady",
                                    Message.keys(List.of("status." + row.status().name()))));
            default -> Optional.empty();
        };
    }

    /**
     * Asks for a delivery in its own transaction.
     *
     * @param channel the channel's capability id, or null to let Facteur choose (the customer's
     *     preferred channel, else the first installed channel that reaches the customer)
     * @param by who asks
     * @throws RefusedException when the dossier's rules refuse it (recorded on the timeline)
     */
    public DeliveryRow request(String dossier, String invoiceId, String channel, String by)
            throws SQLException, RefusedException {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                InvoiceRow row =
                        inbox.invoices()
                                .find(c, invoiceId)
                                .filter(r -> r.dossier().equals(dossier))
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "No invoice " + invoiceId));
                Optional<Message> refused = refusal(row, dossiers.defaults(dossier));
                if (refused.isPresent()) {
                    inbox.invoices().event(c, invoiceId, STEP, "refused", refused.get());
                    c.commit();
                    throw new RefusedException(refused.get());
                }
                DeliveryRow d = queue(c, row, channel, by);
                c.commit();
                inbox.queue().enqueued();
                return d;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * The dossier's automatic delivery, within the caller's transaction (the end of the pipeline,
     * or a release): a delivery is queued unless the dossier's rules refuse it, which the timeline
     * then says. Does nothing when the dossier does not deliver automatically or when the invoice
     * has a delivery already.
     */
    @Override
    public String step() {
        return STEP;
    }

    @Override
    public void archived(Connection c, InvoiceRow row) throws SQLException {
        automatic(c, row);
    }

    @Override
    public void tick() {
        closeWindows();
    }

    public void automatic(Connection c, InvoiceRow row) throws SQLException {
        DossierDefaults defaults = dossiers.defaults(row.dossier());
        if (!defaults.automaticDelivery() || !store.ofInvoice(c, row.id()).isEmpty()) {
            return;
        }
        Optional<Message> refused = refusal(row, defaults);
        if (refused.isPresent()) {
            inbox.invoices().event(c, row.id(), STEP, "refused", refused.get());
            return;
        }
        queue(c, row, null, AUTOMATIC);
    }

    private DeliveryRow queue(Connection c, InvoiceRow row, String channel, String by)
            throws SQLException {
        DeliveryRow d = store.insert(c, row.id(), row.dossier(), channel, by);
        inbox.invoices()
                .event(
                        c,
                        row.id(),
                        STEP,
                        "queued",
                        channel == null
                                ? Message.of("delivery.queued", by)
                                : Message.of("delivery.queued.channel", by, channel));
        inbox.queue().enqueue(c, row.id(), STEP, d.id());
        return d;
    }

    /** An invoice's deliveries, oldest first. */
    public List<DeliveryRow> ofInvoice(String invoiceId) throws SQLException {
        try (Connection c = inbox.database().connection()) {
            return store.ofInvoice(c, invoiceId);
        }
    }

    /** What a delivery job found to do in its first transaction. */
    private record Prepared(Installed channel, Delivery delivery) {}

    /**
     * Runs a delivery job: checks again, records the attempt, calls the channel, records the
     * receipt. Records its own outcome on the queue; never throws.
     */
    @Override
    public void run(Job job) {
        Prepared prepared;
        try {
            prepared = prepare(job);
        } catch (Exception e) {
            retryOrFail(job, null, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
            return;
        }
        if (prepared == null) {
            return;
        }
        Receipt receipt;
        try {
            receipt = prepared.channel().channel().send(prepared.delivery());
        } catch (DeliveryException e) {
            retryOrFail(job, prepared, e.getMessage(), e.transientFailure());
            return;
        } catch (RuntimeException e) {
            // the channel broke in an unknown place: it may have sent, so never again on its own
            logger.error("Delivery {}: channel {} failed", job.ref(), prepared.channel().id(), e);
            finish(
                    job,
                    prepared,
                    DeliveryState.UNCERTAIN,
                    null,
                    e.toString(),
                    Message.of("delivery.uncertain", prepared.channel().id()));
            return;
        }
        DeliveryState state =
                switch (receipt.status()) {
                    case SENT -> DeliveryState.SENT;
                    case DELIVERED -> DeliveryState.DELIVERED;
                    case POSTED -> DeliveryState.POSTED;
                };
        finish(
                job,
                prepared,
                state,
                receipt.reference(),
                receipt.detail(),
                Message.of(
                        "delivery." + state.name().toLowerCase(Locale.ROOT),
                        prepared.channel().id(),
                        receipt.detail()));
    }

    /**
     * The first transaction: decides whether and how to send, and records the attempt. Returns null
     * when there is nothing to send (already done, refused, waiting, unreachable).
     */
    private Prepared prepare(Job job) throws Exception {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                Prepared p = prepare(c, job);
                c.commit();
                return p;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Prepared prepare(Connection c, Job job) throws Exception {
        Optional<DeliveryRow> found =
                job.ref() == null ? Optional.empty() : store.find(c, job.ref());
        if (found.isEmpty()) {
            inbox.queue().done(c, job.id());
            return null;
        }
        DeliveryRow d = found.get();
        if (d.state() == DeliveryState.SENDING) {
            // the attempt was recorded and its outcome was not: it may have gone out
            store.state(c, d.id(), DeliveryState.UNCERTAIN, null, "interrupted during the send");
            inbox.invoices()
                    .event(
                            c,
                            d.invoiceId(),
                            STEP,
                            "uncertain",
                            Message.of("delivery.uncertain", d.channel()));
            inbox.queue().done(c, job.id());
            return null;
        }
        if (d.state() != DeliveryState.QUEUED) {
            inbox.queue().done(c, job.id());
            return null;
        }
        InvoiceRow row = inbox.invoices().find(c, d.invoiceId()).orElseThrow();
        DossierDefaults defaults = dossiers.defaults(row.dossier());
        Optional<Message> refused = refusal(row, defaults);
        if (refused.isPresent()) {
            // the rules changed since it was asked for (a duplicate found, block mode set)
            store.state(c, d.id(), DeliveryState.REFUSED, null, refused.get().english());
            inbox.invoices().event(c, row.id(), STEP, "refused", refused.get());
            inbox.queue().done(c, job.id());
            return null;
        }
        if (AUTOMATIC.equals(d.requestedBy()) && d.channel() == null && sentOtherwise(c, d)) {
            // waited for a channel while a user sent it another way: not a second time
            store.state(c, d.id(), DeliveryState.REFUSED, null, "sent by another delivery");
            inbox.invoices()
                    .event(c, row.id(), STEP, "superseded", Message.of("delivery.superseded"));
            inbox.queue().done(c, job.id());
            return null;
        }
        Customer customer = customerOf(c, row);
        Recipient recipient = recipient(customer, row);
        Installed channel;
        if (d.channel() != null) {
            channel = channels.get(d.channel());
            if (channel == null) {
                return park(c, job, row, Message.of("waiting.channelMissing", d.channel()));
            }
        } else {
            Optional<String> chosen = choose(customer, recipient, null);
            if (channels.values().stream().allMatch(Installed::fallback)) {
                return park(c, job, row, Message.of("waiting.noChannel"));
            }
            if (chosen.isEmpty()) {
                return unreachable(c, job, d, row, recipient);
            }
            channel = channels.get(chosen.get());
            if (channel == null) {
                return park(c, job, row, Message.of("waiting.channelMissing", chosen.get()));
            }
        }
        if (!channel.channel().reaches(recipient)) {
            return unreachable(c, job, d, row, recipient);
        }
        String language =
                defaults.languageSource() == Dossiers.LanguageSource.CUSTOMER
                                && customer != null
                                && customer.language() != null
                        ? customer.language()
                        : defaults.language();
        Invoice invoice =
                inbox.derived()
                        .invoice(row.id())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "Invoice " + row.id() + " was not read"));
        List<Document> documents = documents(row, language);
        io.facteur.core.internal.adapt.Adaptations adapt = adaptations;
        if (adapt != null) {
            io.facteur.api.ReceiverAdapter.Receiver receiver = adapt.receiver(row, invoice);
            if (!defaults.allowReceiverXmlChanges()) {
                adapt.offNote(row, receiver);
            } else {
                try {
                    Optional<io.facteur.core.internal.adapt.Adaptations.Adapted> adapted =
                            adapt.adapt(
                                    row,
                                    documents.get(0),
                                    invoice,
                                    receiver,
                                    Locale.forLanguageTag(language));
                    if (adapted.isPresent()) {
                        // the customer's form first; the PDF view (if any) stays beside it
                        List<Document> in = new ArrayList<>(documents);
                        in.set(0, adapted.get().document());
                        documents = in;
                    }
                } catch (io.facteur.core.internal.adapt.Adaptations.AdaptationException e) {
                    if (e.waiting()) {
                        return park(c, job, row, e.reason());
                    }
                    // not in the receiver's form, and not in another one it does not take
                    Message why = Message.of("delivery.failed", channel.id(), e.reason().english());
                    store.state(c, d.id(), DeliveryState.FAILED, null, e.reason().english());
                    inbox.invoices().event(c, row.id(), STEP, "failed", why);
                    inbox.invoices().status(c, row.id(), InvoiceStatus.FAILED, why.english());
                    inbox.queue().done(c, job.id());
                    return null;
                }
            }
        }
        Delivery delivery =
                new Delivery(
                        d.id(),
                        row.dossier(),
                        row.id(),
                        invoice,
                        documents,
                        recipient,
                        language,
                        dossiers.find(row.dossier()).map(Dossiers.Dossier::name).orElse(""),
                        settings.apply(row.dossier(), channel.id()));
        store.attempting(c, d.id(), channel.id(), describe(recipient, channel.fallback()));
        return new Prepared(channel, delivery);
    }

    /** True when another delivery of the invoice went out. */
    private boolean sentOtherwise(Connection c, DeliveryRow d) throws SQLException {
        return store.ofInvoice(c, d.invoiceId()).stream()
                .filter(o -> !o.id().equals(d.id()))
                .anyMatch(
                        o ->
                                o.state() == DeliveryState.SENT
                                        || o.state() == DeliveryState.DELIVERED
                                        || o.state() == DeliveryState.POSTED);
    }

    private Prepared park(Connection c, Job job, InvoiceRow row, Message reason)
            throws SQLException {
        inbox.invoices().event(c, row.id(), STEP, "waiting", reason);
        inbox.queue().park(c, job.id(), STEP, reason.english());
        return null;
    }

    private Prepared unreachable(
            Connection c, Job job, DeliveryRow d, InvoiceRow row, Recipient recipient)
            throws SQLException {
        Message why =
                d.channel() == null
                        ? Message.of("delivery.unreachable", recipient.name())
                        : Message.of("delivery.unreachable.channel", recipient.name(), d.channel());
        store.state(c, d.id(), DeliveryState.FAILED, null, why.english());
        inbox.invoices().event(c, row.id(), STEP, "failed", why);
        inbox.invoices().status(c, row.id(), InvoiceStatus.FAILED, why.english());
        inbox.queue().done(c, job.id());
        return null;
    }

    /**
     * The channel of a first send: the customer's preferred one, else the first installed one (by
     * rank) that reaches the customer, leaving out the fallbacks (the post) and {@code exclude}.
     */
    private Optional<String> choose(Customer customer, Recipient recipient, String exclude) {
        if (customer != null
                && customer.preferredChannel() != null
                && !customer.preferredChannel().equals(exclude)) {
            return Optional.of(customer.preferredChannel());
        }
        return ranked().stream()
                .filter(i -> !i.fallback())
                .filter(i -> !i.id().equals(exclude))
                .filter(i -> i.channel().reaches(recipient))
                .map(Installed::id)
                .findFirst();
    }

    private Customer customerOf(Connection c, InvoiceRow row) throws SQLException {
        Optional<String> id = inbox.invoices().customerOf(c, row.id());
        return id.isEmpty()
                ? null
                : inbox.customers().find(c, row.dossier(), id.get()).orElse(null);
    }

    /** The customer as channels see it; the invoice's buyer when the directory has no entry. */
    private Recipient recipient(Customer customer, InvoiceRow row) throws Exception {
        if (customer != null) {
            return new Recipient(customer.name(), customer.emails(), customer.address());
        }
        Invoice invoice = inbox.derived().invoice(row.id()).orElse(null);
        if (invoice == null || invoice.buyer() == null) {
            return new Recipient(row.buyerName(), List.of(), null);
        }
        return new Recipient(invoice.buyer().name(), List.of(), invoice.buyer().address());
    }

    /** Who a delivery goes to, as its channel reaches them: addresses, or the postal address. */
    private static String describe(Recipient r, boolean postal) {
        if (!postal && !r.emails().isEmpty()) {
            return String.join(", ", r.emails());
        }
        return r.address() == null
                ? r.name()
                : r.name() + ", " + r.address().postCode() + " " + r.address().city();
    }

    /** The original, and for an XML invoice its PDF view when a renderer is installed. */
    private List<Document> documents(InvoiceRow row, String language) throws Exception {
        Document original =
                new Document(row.fileName(), row.mediaType(), inbox.documents().read(row.sha256()));
        List<Document> out = new ArrayList<>(List.of(original));
        if (!InvoiceRenderings.isPdf(original.content())) {
            Optional<byte[]> pdf =
                    renderings.pdf(
                            row.sha256(),
                            original,
                            new Syntax(row.format(), row.profile()),
                            Locale.forLanguageTag(language));
            if (pdf.isPresent()) {
                String base = row.fileName().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
                out.add(
                        new Document(
                                (base.isBlank() ? row.id() : base) + ".pdf",
                                "application/pdf",
                                pdf.get()));
            }
        }
        return out;
    }

    private static Map<String, Object> channelSettings(
            SettingsService settings, String dossier, String channel) {
        try {
            return settings.get(dossier, channel)
                    .map(io.facteur.core.internal.settings.DossierSettings::values)
                    .orElse(Map.of());
        } catch (Exception e) {
            LoggerFactory.getLogger(Deliveries.class)
                    .warn("Cannot read {} settings of {}: {}", channel, dossier, e.getMessage());
            return Map.of();
        }
    }

    /** Records a receipt (or an uncertain outcome): the second transaction. */
    /**
     * @param detail what the delivery row keeps: the channel's own words (an address, a print job),
     *     not a sentence of the timeline, which is said in each reader's language
     */
    private void finish(
            Job job,
            Prepared p,
            DeliveryState state,
            String reference,
            String detail,
            Message said) {
        String invoiceId = p.delivery().invoiceId();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = inbox.database().connection()) {
                c.setAutoCommit(false);
                try {
                    store.state(c, job.ref(), state, reference, detail);
                    inbox.invoices()
                            .event(c, invoiceId, STEP, state.name().toLowerCase(Locale.ROOT), said);
                    InvoiceStatus status =
                            switch (state) {
                                case SENT -> InvoiceStatus.SENT;
                                case DELIVERED -> InvoiceStatus.DELIVERED;
                                case POSTED -> InvoiceStatus.POSTED;
                                default -> null;
                            };
                    if (status != null) {
                        inbox.invoices().status(c, invoiceId, status, null);
                    }
                    inbox.queue().done(c, job.id());
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                // the send happened: its receipt must not be lost to a deadlock
                if (attempt >= 10) {
                    logger.error(
                            "Delivery {} of invoice {} was {} but could not be recorded: {}",
                            job.ref(),
                            invoiceId,
                            state,
                            e.getMessage());
                    return; // left SENDING: the next run makes it UNCERTAIN, never sends again
                }
                sleep(20L * attempt);
            }
        }
    }

    /** A send that failed: retried with backoff within the retry time, else failed for good. */
    private void retryOrFail(Job job, Prepared p, String reason, boolean transientFailure) {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                Optional<DeliveryRow> d =
                        job.ref() == null ? Optional.empty() : store.find(c, job.ref());
                String invoiceId = job.invoiceId();
                Instant since = d.map(DeliveryRow::createdAt).orElse(Instant.now());
                boolean retry =
                        transientFailure
                                && Instant.now().isBefore(since.plus(retryFor))
                                && d.isPresent();
                String channel = p == null ? "" : p.channel().id();
                if (retry) {
                    long seconds =
                            Math.min(
                                    maxBackoff.toSeconds(), 1L << Math.min(job.attempts() + 1, 20));
                    store.state(c, job.ref(), DeliveryState.QUEUED, null, reason);
                    inbox.invoices()
                            .event(
                                    c,
                                    invoiceId,
                                    STEP,
                                    "retry",
                                    Message.of("delivery.retry", channel, reason, seconds));
                    inbox.queue().retry(c, job.id(), reason, Duration.ofSeconds(seconds));
                } else {
                    Message why = Message.of("delivery.failed", channel, reason);
                    if (d.isPresent()) {
                        store.state(c, job.ref(), DeliveryState.FAILED, null, reason);
                    }
                    inbox.invoices().event(c, invoiceId, STEP, "failed", why);
                    inbox.invoices().status(c, invoiceId, InvoiceStatus.FAILED, why.english());
                    inbox.queue().dead(c, job.id(), reason);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            logger.warn(
                    "Delivery {}: failure could not be recorded: {}", job.ref(), e.getMessage());
        }
    }

    @Override
    public boolean bounced(String channel, String reference, String reason) {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                Optional<DeliveryRow> found = store.byReference(c, channel, reference);
                if (found.isEmpty()) {
                    c.rollback();
                    return false;
                }
                DeliveryRow d = found.get();
                if (d.state() == DeliveryState.SENT
                        || d.state() == DeliveryState.DELIVERED
                        || d.state() == DeliveryState.SENDING) {
                    int hours = dossiers.defaults(d.dossier()).correctionHours();
                    Instant until = Instant.now().plus(Duration.ofHours(hours));
                    store.bounced(c, d.id(), reason, until);
                    Message said = Message.of("delivery.bounced", channel, reason, until);
                    inbox.invoices().event(c, d.invoiceId(), STEP, "bounced", said);
                    inbox.invoices()
                            .status(c, d.invoiceId(), InvoiceStatus.BOUNCED, said.english());
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the bounce: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delivered(String channel, String reference, String detail) {
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                Optional<DeliveryRow> found = store.byReference(c, channel, reference);
                if (found.isEmpty()) {
                    c.rollback();
                    return false;
                }
                DeliveryRow d = found.get();
                if (d.state() == DeliveryState.SENT) {
                    store.state(c, d.id(), DeliveryState.DELIVERED, null, detail);
                    inbox.invoices()
                            .event(
                                    c,
                                    d.invoiceId(),
                                    STEP,
                                    "delivered",
                                    Message.of("delivery.delivered", channel, detail));
                    inbox.invoices().status(c, d.invoiceId(), InvoiceStatus.DELIVERED, null);
                }
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the delivery: " + e.getMessage(), e);
        }
    }

    /**
     * A customer's addresses were corrected: every bounced delivery of its invoices whose
     * correction window is open is sent again, by the same channel, to the new address.
     *
     * @return how many deliveries were queued again
     */
    public int corrected(String dossier, String customerId, String by) throws SQLException {
        int resent = 0;
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                for (DeliveryRow d : store.awaitingCorrection(c, customerId, Instant.now())) {
                    if (!d.dossier().equals(dossier)) {
                        continue;
                    }
                    DeliveryRow again = store.insert(c, d.invoiceId(), dossier, d.channel(), by);
                    store.replaced(c, d.id(), again.id());
                    inbox.invoices()
                            .event(
                                    c,
                                    d.invoiceId(),
                                    STEP,
                                    "queued",
                                    Message.of("delivery.corrected", by, d.channel()));
                    inbox.queue().enqueue(c, d.invoiceId(), STEP, again.id());
                    resent++;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (resent > 0) {
            inbox.queue().enqueued();
        }
        return resent;
    }

    /**
     * Bounced deliveries whose correction window closed without a correction go by the next channel
     * that reaches the customer (the post); called by the pipeline's poller every few seconds. A
     * bounce with no other channel installed waits for one.
     *
     * @return how many fallbacks were queued
     */
    public int closeWindows() {
        int queued = 0;
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                for (DeliveryRow d : store.windowClosed(c, Instant.now(), WINDOW_BATCH)) {
                    InvoiceRow row = inbox.invoices().find(c, d.invoiceId()).orElse(null);
                    if (row == null) {
                        continue;
                    }
                    Customer customer = customerOf(c, row);
                    Recipient recipient;
                    try {
                        recipient = recipient(customer, row);
                    } catch (Exception e) {
                        continue;
                    }
                    Optional<String> next =
                            ranked().stream()
                                    .filter(i -> !i.id().equals(d.channel()))
                                    .filter(i -> i.channel().reaches(recipient))
                                    .map(Installed::id)
                                    .findFirst();
                    if (next.isEmpty()) {
                        continue; // no other channel now: looked at again at the next tick
                    }
                    DeliveryRow fallback =
                            store.insert(c, d.invoiceId(), d.dossier(), next.get(), AUTOMATIC);
                    store.replaced(c, d.id(), fallback.id());
                    inbox.invoices()
                            .event(
                                    c,
                                    d.invoiceId(),
                                    STEP,
                                    "queued",
                                    Message.of("delivery.fallback", d.channel(), next.get()));
                    inbox.queue().enqueue(c, d.invoiceId(), STEP, fallback.id());
                    queued++;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            logger.warn("Cannot look at bounced deliveries: {}", e.getMessage());
            return 0;
        }
        if (queued > 0) {
            logger.info("{} bounced deliveries go by another channel", queued);
            inbox.queue().enqueued();
        }
        return queued;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
