package io.facteur.core.internal.export;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.ConnectionTest;
import io.facteur.api.ExportConnector;
import io.facteur.core.internal.Ids;
import io.facteur.core.internal.Sha256;
import io.facteur.core.internal.export.ConnectorRow.LastTest;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.registry.CapabilityInfo;
import io.facteur.core.internal.registry.CapabilityRegistry;
import io.facteur.core.internal.registry.SettingsSchema;
import io.facteur.core.internal.registry.SettingsSchema.Attribute;
import io.facteur.core.internal.settings.SettingsValidator;
import io.facteur.core.internal.settings.Violation;
import java.io.IOException;
import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export connectors of dossiers: made, changed, tested, switched on and off, deleted. What a
 * connector exports and its state are in the database; its connection settings are a factory
 * configuration of its kind's Metatype (see {@link ExportConnector}), checked against that Metatype
 * like any settings.
 *
 * <p>A connector exports only when ACTIVE, and it becomes ACTIVE only after a successful test with
 * the connection settings it has now: any change of a connection setting (here, in the web console
 * or in {@code etc/}) sends it back to DRAFT until it is tested again.
 */
@Component(service = Connectors.class)
public class Connectors {
    /** Properties the platform sets in a connector's configuration, never a caller. */
    public static final String DOSSIER = "dossier";

    public static final String CONNECTOR = "connector";

    /** How long a connection test may take before it is reported as failed. */
    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(120);

    /** The statuses a connector may export at: those the dossier's rules let go out. */
    public static final Set<InvoiceStatus> EXPORTABLE =
            EnumSet.of(
                    InvoiceStatus.READY,
                    InvoiceStatus.DUPLICATE,
                    InvoiceStatus.SENT,
                    InvoiceStatus.DELIVERED,
                    InvoiceStatus.BOUNCED,
                    InvoiceStatus.POSTED);

    private final Logger logger = LoggerFactory.getLogger(Connectors.class);
    private final InboxService inbox;
    private final Function<String, Optional<Kind>> kinds;
    private final ConnectionSettings settings;
    private final Formats formats;
    private final ConnectorStore store = new ConnectorStore();
    private final Map<String, ExportConnector> services = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService tests =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "facteur-connector-test");
                        t.setDaemon(true);
                        return t;
                    });

    /**
     * A connector kind as the registry knows it.
     *
     * @param label its label
     * @param schema its connection settings
     * @param rangeCheck the Metatype's own check of a value
     */
    public record Kind(
            String label,
            SettingsSchema schema,
            java.util.function.BiFunction<String, String, String> rangeCheck) {}

    /**
     * A connector as users see it.
     *
     * @param row what the database keeps
     * @param state the state that applies now
     * @param installed whether its kind's bundle is installed
     * @param label its kind's label
     * @param pid the PID of its configuration, empty when its kind is not installed
     * @param settings its connection settings without secrets
     * @param secretsSet the secret settings that have a value
     */
    public record View(
            ConnectorRow row,
            ConnectorState state,
            boolean installed,
            String label,
            String pid,
            Map<String, Object> settings,
            List<String> secretsSet) {}

    /**
     * What a user submits to make or change a connector.
     *
     * @param capability the connector kind ({@code export.sftp}); fixed once made
     * @param name its name
     * @param documents what it exports
     * @param statuses at which statuses
     * @param format in which format
     * @param settings its connection settings; a secret left out keeps its value
     */
    public record Draft(
            String capability,
            String name,
            DocumentKinds documents,
            Set<InvoiceStatus> statuses,
            String format,
            Map<String, Object> settings) {}

    /** Refused values, each named. */
    public static final class InvalidConnectorException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Violation> violations;

        InvalidConnectorException(List<Violation> violations) {
            super("Invalid connector: " + violations, null, false, false);
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** A state change the connector's state does not allow (switching on without a test). */
    public static final class StateException extends Exception {
        private static final long serialVersionUID = 1L;

        StateException(String message) {
            super(message, null, false, false);
        }
    }

    /** The connector's kind is not installed: it cannot be changed or tested now. */
    public static final class NotInstalledException extends Exception {
        private static final long serialVersionUID = 1L;

        NotInstalledException(String capability) {
            super("No connector kind " + capability + " is installed", null, false, false);
        }
    }

    @Activate
    public Connectors(
            @Reference InboxService inbox,
            @Reference CapabilityRegistry registry,
            @Reference ConnectionSettings settings,
            @Reference Formats formats) {
        this(inbox, capability -> kind(registry, capability), settings, formats);
    }

    private Connectors(
            InboxService inbox,
            Function<String, Optional<Kind>> kinds,
            ConnectionSettings settings,
            Formats formats) {
        this.inbox = inbox;
        this.kinds = kinds;
        this.settings = settings;
        this.formats = formats;
    }

    /** Connectors outside OSGi (tests): kinds by capability id, connector services added. */
    public static Connectors standalone(
            InboxService inbox,
            Function<String, Optional<Kind>> kinds,
            ConnectionSettings settings,
            Formats formats) {
        return new Connectors(inbox, kinds, settings, formats);
    }

    private static Optional<Kind> kind(CapabilityRegistry registry, String capability) {
        Optional<CapabilityInfo> info = registry.find(capability);
        if (info.isEmpty()
                || !CapabilityKind.EXPORT_CONNECTOR.name().equals(info.get().kind())
                || info.get().settingsPid().isEmpty()) {
            return Optional.empty();
        }
        return registry.schemaForValidation(capability)
                .map(v -> new Kind(info.get().label(), v.schema(), v.rangeCheck()));
    }

    @Deactivate
    void deactivate() {
        tests.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addService(ExportConnector connector, Map<String, Object> props) {
        services.put(String.valueOf(props.get(Capability.ID)), connector);
        listeners.forEach(Runnable::run);
    }

    public void removeService(ExportConnector connector, Map<String, Object> props) {
        services.remove(String.valueOf(props.get(Capability.ID)), connector);
    }

    /** Called when a connector kind arrives or a connector is switched on. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The installed connector of that kind. */
    public Optional<ExportConnector> service(String capability) {
        return Optional.ofNullable(services.get(capability));
    }

    public List<View> list(String dossier) throws SQLException, IOException {
        List<ConnectorRow> rows;
        try (Connection c = inbox.database().connection()) {
            rows = store.ofDossier(c, dossier);
        }
        List<View> out = new ArrayList<>();
        for (ConnectorRow r : rows) {
            out.add(view(r));
        }
        return out;
    }

    public Optional<View> get(String dossier, String id) throws SQLException, IOException {
        Optional<ConnectorRow> row = row(dossier, id);
        return row.isEmpty() ? Optional.empty() : Optional.of(view(row.get()));
    }

    /** The connector's row, whatever its kind. */
    public Optional<ConnectorRow> row(String dossier, String id) throws SQLException {
        try (Connection c = inbox.database().connection()) {
            return store.find(c, dossier, id);
        }
    }

    /** Makes a DRAFT connector. */
    public View create(String dossier, Draft draft)
            throws SQLException, IOException, InvalidConnectorException, NotInstalledException {
        if (draft.capability() == null || draft.capability().isBlank()) {
            throw new InvalidConnectorException(
                    List.of(new Violation("kind", "required: the connector kind")));
        }
        Kind kind =
                kinds.apply(draft.capability())
                        .orElseThrow(() -> new NotInstalledException(draft.capability()));
        String id = Ids.next();
        List<Violation> violations = new ArrayList<>(common(draft));
        SettingsValidator.Result result = validate(kind, dossier, id, draft.settings(), List.of());
        violations.addAll(result.violations());
        if (!violations.isEmpty()) {
            throw new InvalidConnectorException(violations);
        }
        Instant now = Instant.now();
        ConnectorRow row =
                new ConnectorRow(
                        id,
                        dossier,
                        draft.capability(),
                        draft.name().strip(),
                        draft.documents(),
                        draft.statuses(),
                        draft.format(),
                        ConnectorState.DRAFT,
                        null,
                        now,
                        now);
        Map<String, Object> values = withFixed(result.values(), dossier, id);
        settings.save(kind.schema().pid(), dossier, id, values);
        try (Connection c = inbox.database().connection()) {
            store.insert(c, row);
        } catch (SQLException e) {
            settings.delete(kind.schema().pid(), dossier, id);
            throw e;
        }
        logger.info("Connector {} ({}) made in dossier {}", id, draft.capability(), dossier);
        return view(row);
    }

    /**
     * Changes a connector; a change of any connection setting sends it back to DRAFT (it needs a
     * new test). Its kind cannot change.
     */
    public Optional<View> update(String dossier, String id, Draft draft)
            throws SQLException, IOException, InvalidConnectorException, NotInstalledException {
        Optional<ConnectorRow> found = row(dossier, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConnectorRow old = found.get();
        List<Violation> violations = new ArrayList<>(common(draft));
        if (draft.capability() != null && !draft.capability().equals(old.capability())) {
            violations.add(new Violation("kind", "cannot change; make another connector"));
        }
        Kind kind =
                kinds.apply(old.capability())
                        .orElseThrow(() -> new NotInstalledException(old.capability()));
        String pid = kind.schema().pid();
        Map<String, Object> stored = settings.load(pid, dossier, id);
        List<String> secretsSet = secretsSet(kind.schema(), stored);
        SettingsValidator.Result result = validate(kind, dossier, id, draft.settings(), secretsSet);
        violations.addAll(result.violations());
        if (!violations.isEmpty()) {
            throw new InvalidConnectorException(violations);
        }
        Map<String, Object> values = withFixed(result.values(), dossier, id);
        for (String secret : secretsSet) {
            if (!values.containsKey(secret)) {
                values.put(secret, stored.get(secret));
            }
        }
        boolean connectionChanged = !hash(stored).equals(hash(values));
        ConnectorState state =
                connectionChanged && old.state() != ConnectorState.DISABLED
                        ? ConnectorState.DRAFT
                        : old.state();
        ConnectorRow row =
                new ConnectorRow(
                        id,
                        dossier,
                        old.capability(),
                        draft.name().strip(),
                        draft.documents(),
                        draft.statuses(),
                        draft.format(),
                        state,
                        old.test(),
                        old.createdAt(),
                        Instant.now());
        settings.save(pid, dossier, id, values);
        try (Connection c = inbox.database().connection()) {
            store.update(c, row);
        }
        if (connectionChanged) {
            logger.info(
                    "Connector {} of dossier {}: connection changed, needs a test", id, dossier);
        }
        return Optional.of(view(row));
    }

    /** Deletes a connector and the exports it had not made yet. */
    public boolean delete(String dossier, String id) throws SQLException, IOException {
        Optional<ConnectorRow> found = row(dossier, id);
        if (found.isEmpty()) {
            return false;
        }
        inbox.database()
                .inTransaction(
                        c -> {
                            new ExportStore().dropQueued(c, id);
                            store.delete(c, id);
                            return null;
                        });
        Optional<Kind> kind = kinds.apply(found.get().capability());
        if (kind.isPresent()) {
            settings.delete(kind.get().schema().pid(), dossier, id);
        } else {
            logger.warn(
                    "Connector {} deleted while {} is not installed: its configuration stays",
                    id,
                    found.get().capability());
        }
        logger.info("Connector {} of dossier {} deleted", id, dossier);
        return true;
    }

    /**
     * Tests the connector with its settings as they are now and records the outcome: a success
     * makes a DRAFT connector TESTED; a failure leaves an inactive connector inactive.
     */
    public Optional<TestOutcome> test(String dossier, String id, Locale locale)
            throws SQLException, IOException, NotInstalledException {
        Optional<ConnectorRow> found = row(dossier, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConnectorRow row = found.get();
        ExportConnector service =
                service(row.capability())
                        .orElseThrow(() -> new NotInstalledException(row.capability()));
        Map<String, Object> connection = connection(row);
        String hash = hash(connection);
        ConnectionTest result = run(service, connection, locale);
        LastTest test =
                new LastTest(
                        hash, Instant.now(), result.success(), result.message(), result.confirm());
        ConnectorState state = row.state();
        inbox.database()
                .inTransaction(
                        c -> {
                            store.tested(c, id, test);
                            if (result.success() && state == ConnectorState.DRAFT) {
                                store.state(c, id, ConnectorState.TESTED);
                            }
                            return null;
                        });
        logger.info(
                "Connector {} of dossier {} tested: {}",
                id,
                dossier,
                result.success() ? "success" : "failure");
        ConnectorRow tested = row(dossier, id).orElse(row);
        return Optional.of(new TestOutcome(result, view(tested)));
    }

    /**
     * The outcome of a test.
     *
     * @param result what the connector found
     * @param connector the connector after it
     */
    public record TestOutcome(ConnectionTest result, View connector) {}

    private ConnectionTest run(
            ExportConnector service, Map<String, Object> connection, Locale locale) {
        Future<ConnectionTest> running = tests.submit(() -> service.test(connection, locale));
        try {
            ConnectionTest result = running.get(TEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return result == null ? new ConnectionTest(false, "") : result;
        } catch (TimeoutException e) {
            running.cancel(true);
            return new ConnectionTest(
                    false,
                    io.facteur.core.internal.inbox.Message.of(
                                    "connector.test.timeout", TEST_TIMEOUT.toSeconds())
                            .text(locale));
        } catch (ExecutionException e) {
            logger.warn("Connection test failed", e.getCause());
            return new ConnectionTest(
                    false,
                    io.facteur.core.internal.inbox.Message.of(
                                    "connector.test.broken", String.valueOf(e.getCause()))
                            .text(locale));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConnectionTest(false, "interrupted");
        }
    }

    /**
     * Switches a connector on (it must have passed a test with its settings as they are now) or
     * off.
     */
    public Optional<View> switchTo(String dossier, String id, ConnectorState target)
            throws SQLException, IOException, StateException {
        Optional<ConnectorRow> found = row(dossier, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConnectorRow row = found.get();
        if (target == ConnectorState.ACTIVE) {
            boolean testedNow =
                    row.test() != null
                            && row.test().success()
                            && row.test().hash().equals(hash(connection(row)));
            if (!testedNow) {
                throw new StateException(
                        "Connector "
                                + row.name()
                                + " has no successful test with its settings as they are now:"
                                + " test it first");
            }
        } else if (target != ConnectorState.DISABLED) {
            throw new StateException("A connector can only be switched to ACTIVE or DISABLED");
        }
        try (Connection c = inbox.database().connection()) {
            store.state(c, id, target);
        }
        logger.info("Connector {} of dossier {} {}", id, dossier, target);
        if (target == ConnectorState.ACTIVE) {
            listeners.forEach(Runnable::run);
        }
        return get(dossier, id);
    }

    /** The connection settings, secrets included; empty when its kind is not installed. */
    public Map<String, Object> connection(ConnectorRow row) throws IOException {
        Optional<Kind> kind = kinds.apply(row.capability());
        if (kind.isEmpty()) {
            return Map.of();
        }
        return settings.load(kind.get().schema().pid(), row.dossier(), row.id());
    }

    /** The state that applies with the settings as they are now; a stale one is stored. */
    public ConnectorState effective(ConnectorRow row, Map<String, Object> connection)
            throws SQLException {
        ConnectorState state = row.effective(hash(connection));
        if (state != row.state()) {
            // changed behind our back (web console, etc/): recorded, so the page says so too
            try (Connection c = inbox.database().connection()) {
                store.state(c, row.id(), state);
            }
            logger.info(
                    "Connector {} of dossier {}: connection settings changed since its test",
                    row.id(),
                    row.dossier());
        }
        return state;
    }

    /**
     * The hash of the connection settings: every value but the platform's own properties and
     * ConfigAdmin's, in a stable order. Secrets are part of it (a new password needs a new test).
     */
    public static String hash(Map<String, Object> connection) {
        TreeMap<String, String> sorted = new TreeMap<>();
        connection.forEach(
                (k, v) -> {
                    if (!k.equals(DOSSIER)
                            && !k.equals(CONNECTOR)
                            && !k.startsWith("service.")
                            && !k.startsWith("felix.")
                            && v != null) {
                        sorted.put(k, text(v));
                    }
                });
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return Sha256.hex(b.toString());
    }

    private static String text(Object v) {
        if (v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                items.add(String.valueOf(Array.get(v, i)));
            }
            return items.toString();
        }
        if (v instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList().toString();
        }
        return String.valueOf(v);
    }

    private List<Violation> common(Draft d) {
        List<Violation> out = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            out.add(new Violation("name", "required"));
        } else if (d.name().length() > 200) {
            out.add(new Violation("name", "at most 200 characters"));
        }
        if (d.documents() == null) {
            out.add(
                    new Violation(
                            "documents", "required: one of " + List.of(DocumentKinds.values())));
        }
        if (d.statuses() == null || d.statuses().isEmpty()) {
            out.add(new Violation("statuses", "at least one of " + EXPORTABLE));
        } else if (!EXPORTABLE.containsAll(d.statuses())) {
            out.add(new Violation("statuses", "only " + EXPORTABLE + " can be exported"));
        }
        if (d.format() == null || d.format().isBlank()) {
            out.add(new Violation("format", "required"));
        } else if (!formats.offers(d.format())) {
            out.add(
                    new Violation(
                            "format",
                            "not offered now; one of "
                                    + formats.list(Locale.ENGLISH).stream()
                                            .map(Formats.Format::id)
                                            .toList()));
        }
        return out;
    }

    private static SettingsValidator.Result validate(
            Kind kind,
            String dossier,
            String id,
            Map<String, Object> submitted,
            List<String> secretsSet) {
        Map<String, Object> values = submitted == null ? Map.of() : submitted;
        SettingsValidator.Result r =
                new SettingsValidator(kind.schema(), kind.rangeCheck())
                        .validate(values, secretsSet, Map.of(DOSSIER, dossier, CONNECTOR, id));
        // connection settings are reported under "settings.<attribute>"
        return new SettingsValidator.Result(
                r.values(),
                r.violations().stream()
                        .map(v -> new Violation("settings." + v.attribute(), v.message()))
                        .toList());
    }

    private static Map<String, Object> withFixed(
            Map<String, Object> values, String dossier, String id) {
        Map<String, Object> out = new HashMap<>(values);
        out.put(DOSSIER, dossier);
        out.put(CONNECTOR, id);
        return out;
    }

    private static List<String> secretsSet(SettingsSchema schema, Map<String, Object> stored) {
        return schema.attributes().stream()
                .filter(a -> a.secret() && stored.get(a.id()) != null)
                .map(Attribute::id)
                .toList();
    }

    private View view(ConnectorRow row) throws IOException, SQLException {
        Optional<Kind> kind = kinds.apply(row.capability());
        if (kind.isEmpty()) {
            return new View(row, row.state(), false, row.capability(), "", Map.of(), List.of());
        }
        SettingsSchema schema = kind.get().schema();
        Map<String, Object> stored = settings.load(schema.pid(), row.dossier(), row.id());
        ConnectorState state = effective(row, stored);
        Map<String, Object> visible = new LinkedHashMap<>();
        for (Attribute a : schema.attributes()) {
            Object v = stored.get(a.id());
            if (v != null && !a.secret()) {
                visible.put(a.id(), v.getClass().isArray() ? asList(v) : v);
            }
        }
        return new View(
                row,
                state,
                services.containsKey(row.capability()),
                kind.get().label(),
                schema.pid() + "~" + ConfigAdminConnectionSettings.name(row.dossier(), row.id()),
                visible,
                secretsSet(schema, stored));
    }

    private static List<Object> asList(Object array) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            out.add(Array.get(array, i));
        }
        return out;
    }
}
