package io.facteur.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.facteur.api.Capability;
import io.facteur.api.ConnectionTest;
import io.facteur.api.Document;
import io.facteur.api.Dossiers.DuplicateMode;
import io.facteur.api.ExportConnector;
import io.facteur.api.ExportException;
import io.facteur.api.Inbox.Source;
import io.facteur.api.InvoiceReader;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.ValidationReport;
import io.facteur.api.Validator;
import io.facteur.api.invoice.DocumentTotals;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import io.facteur.core.internal.adapt.Adaptations;
import io.facteur.core.internal.changes.InvoiceChangesService;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.delivery.Deliveries;
import io.facteur.core.internal.export.ConnectionSettings;
import io.facteur.core.internal.export.ConnectorState;
import io.facteur.core.internal.export.Connectors;
import io.facteur.core.internal.export.Connectors.Draft;
import io.facteur.core.internal.export.DocumentKinds;
import io.facteur.core.internal.export.ExportRow;
import io.facteur.core.internal.export.ExportState;
import io.facteur.core.internal.export.Exports;
import io.facteur.core.internal.export.Formats;
import io.facteur.core.internal.inbox.InboxFixture;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.inbox.TimelineEvent;
import io.facteur.core.internal.registry.SettingsSchema;
import io.facteur.core.internal.registry.SettingsSchema.Attribute;
import io.facteur.core.internal.render.InvoiceRenderings;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export connectors through the real pipeline, queue and Derby: the DRAFT → TESTED → ACTIVE life of
 * a connector, what each connector exports and when, retries with one copy at the receiver, waiting
 * while a connector kind is uninstalled, the dossier's rules, replays, and conversions that must
 * read back to the same business terms. The real SFTP and HTTP connectors are tested in their
 * bundles and in the itests.
 */
class ExportPipelineTest {
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("patience", 15));
    private static final String KIND = "export.test";

    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    @TempDir Path folder;
    private InboxService inbox;
    private Pipeline pipeline;
    private Deliveries deliveries;
    private Connectors connectors;
    private Exports exports;
    private Formats formats;
    private Adaptations adaptations;
    private final DeliveryPipelineTest.TestDossiers dossiers =
            new DeliveryPipelineTest.TestDossiers();
    private final MemorySettings settings = new MemorySettings();
    private final TestConnector receiver = new TestConnector();

    @BeforeEach
    void start() throws Exception {
        Database database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        inbox =
                InboxService.standalone(
                        database, "acme"::equals, folder, InboxFixture.config(1 << 20, 2, 2));
        formats = new Formats();
        PipelineTest.TestReader test = new PipelineTest.TestReader();
        formats.addReader(test, Map.of(Capability.ID, "format.test"));
        formats.addReader(new XmlReader(), Map.of(Capability.ID, "format.xml"));
        formats.addReader(new CsvReader(), Map.of(Capability.ID, "format.csv"));
        SettingsSchema schema =
                new SettingsSchema(
                        "io.facteur.export.test",
                        "Test",
                        "",
                        List.of(
                                attribute("dossier", "STRING", false),
                                attribute("connector", "STRING", false),
                                attribute("host", "STRING", false),
                                attribute("password", "PASSWORD", true)));
        connectors =
                Connectors.standalone(
                        inbox,
                        capability ->
                                capability.equals(KIND)
                                        ? Optional.of(
                                                new Connectors.Kind("Test", schema, (a, v) -> null))
                                        : Optional.empty(),
                        settings,
                        formats);
        connectors.addService(receiver, Map.of(Capability.ID, KIND));
        exports =
                Exports.standalone(
                        inbox,
                        dossiers,
                        connectors,
                        formats,
                        InvoiceChangesService.standalone(database, Duration.ZERO),
                        adaptations =
                                Adaptations.standalone(
                                        inbox,
                                        formats,
                                        (dossier, adapter) -> Map.of("ref", "LW-42")),
                        Duration.ofMinutes(5),
                        Duration.ofMillis(1));
        deliveries =
                Deliveries.standalone(
                        inbox,
                        dossiers,
                        (d, c) -> Map.of(),
                        new InvoiceRenderings(inbox),
                        Duration.ofHours(1),
                        Duration.ofSeconds(1));
        pipeline = new Pipeline(inbox);
        pipeline.addReader(test, Map.of(Capability.ID, "format.test"));
        pipeline.addReader(new XmlReader(), Map.of(Capability.ID, "format.xml"));
        pipeline.addValidator(new PipelineTest.NumberRules());
        pipeline.setDuplicateCheck(new PipelineTest.NumberDuplicates());
        pipeline.setArchive(new PipelineTest.ShaArchive());
        pipeline.setDossiers(dossiers);
        pipeline.addExtension(deliveries);
        pipeline.addExtension(exports);
        exports.tick(); // the feed starts here
    }

    @AfterEach
    void stop() throws InterruptedException {
        pipeline.deactivate();
    }

    @Test
    void aConnectorExportsOnlyOnceTestedAndSwitchedOn() throws Exception {
        String c = connector(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, Formats.ORIGINAL);
        assertThat(state(c)).isEqualTo(ConnectorState.DRAFT);
        assertThatThrownBy(() -> connectors.switchTo("acme", c, ConnectorState.ACTIVE))
                .isInstanceOf(Connectors.StateException.class)
                .hasMessageContaining("test it first");

        receiver.reachable = false;
        ConnectionTest failed = connectors.test("acme", c, Locale.FRENCH).orElseThrow().result();
        assertThat(failed.success()).isFalse();
        assertThat(failed.message()).isEqualTo("hôte injoignable");
        assertThat(state(c)).isEqualTo(ConnectorState.DRAFT);

        String waiting = receive("INV-0", "2024-06-01");
        awaitEvent(waiting, Steps.ARCHIVE, "ok");

        receiver.reachable = true;
        assertThat(connectors.test("acme", c, Locale.ENGLISH).orElseThrow().result().success())
                .isTrue();
        assertThat(receiver.testedWith.get(0)).containsEntry("password", "s3cret");
        assertThat(state(c)).isEqualTo(ConnectorState.TESTED);
        connectors.switchTo("acme", c, ConnectorState.ACTIVE);
        assertThat(state(c)).isEqualTo(ConnectorState.ACTIVE);

        String id = receive("INV-1", "2024-06-01");
        awaitEvent(id, Exports.STEP, "exported");
        assertThat(receiver.received).hasSize(1);
        ExportConnector.Export sent = receiver.received.get(0);
        assertThat(sent.invoiceId()).isEqualTo(id);
        assertThat(sent.format()).isEqualTo(Formats.ORIGINAL);
        assertThat(sent.extension()).isEqualTo("txt");
        assertThat(new String(sent.document().content(), UTF_8)).contains("number=INV-1");
        assertThat(sent.settings())
                .containsEntry("host", "sftp.example")
                .containsEntry("password", "s3cret");
        assertThat(sent.connector()).isEqualTo(c);
        ExportRow row = exports.ofInvoice(id).get(0);
        assertThat(row.id()).isEqualTo(sent.key());
        assertThat(row.state()).isEqualTo(ExportState.EXPORTED);
        assertThat(row.detail()).isEqualTo("/in/INV-1.txt");
        assertThat(steps(id)).containsSubsequence("archive:ok", "export:queued", "export:exported");
        // what was archived before the connector was on is not exported on its own
        assertThat(exports.ofInvoice(waiting)).isEmpty();
    }

    @Test
    void changingAConnectionSettingNeedsANewTestAndExportsWaitMeanwhile() throws Exception {
        String c = active(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, Formats.ORIGINAL);

        // the name and what it exports change: no test needed
        connectors.update(
                "acme",
                c,
                draft(
                        "Renamed",
                        Set.of(InvoiceStatus.READY),
                        DocumentKinds.ALL,
                        Formats.ORIGINAL,
                        Map.of("host", "sftp.example")));
        assertThat(state(c)).isEqualTo(ConnectorState.ACTIVE);
        // the host changes (a secret left out keeps its value): DRAFT
        connectors.update(
                "acme",
                c,
                draft(
                        "Renamed",
                        Set.of(InvoiceStatus.READY),
                        DocumentKinds.ALL,
                        Formats.ORIGINAL,
                        Map.of("host", "other.example")));
        assertThat(state(c)).isEqualTo(ConnectorState.DRAFT);
        assertThat(settings.values.values().iterator().next()).containsEntry("password", "s3cret");

        String id = receive("INV-2", "2024-06-02");
        awaitEvent(id, Exports.STEP, "waiting");
        assertThat(receiver.received).isEmpty();

        // changed behind the platform's back (the web console): also DRAFT
        connectors.test("acme", c, Locale.ENGLISH);
        connectors.switchTo("acme", c, ConnectorState.ACTIVE);
        awaitEvent(id, Exports.STEP, "exported");
        settings.values.values().iterator().next().put("host", "console.example");
        assertThat(state(c)).isEqualTo(ConnectorState.DRAFT);
        assertThatThrownBy(() -> connectors.switchTo("acme", c, ConnectorState.ACTIVE))
                .isInstanceOf(Connectors.StateException.class);
    }

    @Test
    void transientFailuresAreRetriedWithTheSameKeyAndPermanentOnesStopWithTheReason()
            throws Exception {
        active(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, Formats.ORIGINAL);
        receiver.transientFailures.set(2);
        String id = receive("INV-3", "2024-06-03");
        awaitEvent(id, Exports.STEP, "exported");
        assertThat(receiver.keys).hasSize(3).containsOnly(receiver.keys.get(0));
        assertThat(receiver.copies()).isEqualTo(Map.of("/in/INV-3.txt", 1));
        assertThat(steps(id))
                .containsSubsequence("export:retry", "export:retry", "export:exported");
        assertThat(exports.ofInvoice(id).get(0).attempts()).isEqualTo(3);

        receiver.permanent = "530 authentication refused";
        String refused = receive("INV-4", "2024-06-04");
        awaitEvent(refused, Exports.STEP, "failed");
        ExportRow failed = exports.ofInvoice(refused).get(0);
        assertThat(failed.state()).isEqualTo(ExportState.FAILED);
        assertThat(failed.detail()).isEqualTo("530 authentication refused");
        assertThat(failed.attempts()).isEqualTo(1);
        // an export never fails the invoice itself
        assertThat(status(refused)).isEqualTo(InvoiceStatus.READY);
    }

    @Test
    void exportsWaitWhileTheConnectorKindIsUninstalledAndGoWhenItIsBack() throws Exception {
        active(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, Formats.ORIGINAL);
        connectors.removeService(receiver, Map.of(Capability.ID, KIND));

        String id = receive("INV-5", "2024-06-05");
        awaitEvent(id, Exports.STEP, "waiting");
        assertThat(exports.ofInvoice(id).get(0).state()).isEqualTo(ExportState.QUEUED);

        connectors.addService(receiver, Map.of(Capability.ID, KIND));
        awaitEvent(id, Exports.STEP, "exported");
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void aBlockedDuplicateIsNeverExported() throws Exception {
        dossiers.mode = DuplicateMode.BLOCK;
        active(
                Set.of(InvoiceStatus.READY, InvoiceStatus.DUPLICATE),
                DocumentKinds.ALL,
                Formats.ORIGINAL);
        String first = receive("INV-6", "2024-06-06");
        awaitEvent(first, Exports.STEP, "exported");
        String twin = receive("INV-6", "2024-06-06;note=again");
        awaitEvent(twin, Steps.ARCHIVE, "ok");
        exports.tick();
        assertThat(status(twin)).isEqualTo(InvoiceStatus.DUPLICATE);
        assertThat(exports.ofInvoice(twin)).isEmpty();
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void aConnectorExportsAtTheStatusesAndDocumentsItIsToldOf() throws Exception {
        String credit =
                active(Set.of(InvoiceStatus.READY), DocumentKinds.CREDIT_NOTES, Formats.ORIGINAL);
        String whenSent =
                active(Set.of(InvoiceStatus.SENT), DocumentKinds.INVOICES, Formats.ORIGINAL);
        String id = receive("INV-7", "2024-06-07");
        awaitEvent(id, Steps.ARCHIVE, "ok");
        exports.tick();
        assertThat(exports.ofInvoice(id)).isEmpty(); // an invoice, not a credit note; not sent yet

        try (Connection c = inbox.database().connection()) {
            inbox.invoices().status(c, id, InvoiceStatus.SENT, null);
        }
        exports.tick();
        awaitEvent(id, Exports.STEP, "exported");
        assertThat(exports.ofInvoice(id))
                .extracting(ExportRow::connectorId)
                .containsExactly(whenSent);
        // the same status again, or a later one, makes no second export
        try (Connection c = inbox.database().connection()) {
            inbox.invoices().status(c, id, InvoiceStatus.SENT, null);
        }
        exports.tick();
        assertThat(exports.ofInvoice(id)).hasSize(1);
        assertThat(credit).isNotEqualTo(whenSent);
    }

    @Test
    void aReplayExportsAPeriodAgainWithNewKeys() throws Exception {
        String c = active(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, Formats.ORIGINAL);
        String may = receive("INV-8", "2024-05-31");
        String june = receive("INV-9", "2024-06-09");
        awaitEvent(may, Exports.STEP, "exported");
        awaitEvent(june, Exports.STEP, "exported");

        Exports.Replay replay =
                exports.replay(
                                "acme",
                                c,
                                LocalDate.of(2024, 6, 1),
                                LocalDate.of(2024, 6, 30),
                                "alice")
                        .orElseThrow();
        assertThat(replay.queued()).isEqualTo(1);
        await(
                () ->
                        exports.ofInvoice(june).stream()
                                        .filter(e -> e.state() == ExportState.EXPORTED)
                                        .count()
                                == 2,
                () -> "two exports of " + june);
        assertThat(receiver.received).hasSize(3);
        assertThat(exports.ofInvoice(june)).extracting(ExportRow::id).doesNotHaveDuplicates();
        assertThat(exports.ofInvoice(june).get(1).replay()).isEqualTo(replay.id());
        assertThat(exports.ofInvoice(may)).hasSize(1);
        assertThat(steps(june)).contains("export:queued");

        assertThat(
                        exports.replay(
                                "acme",
                                "nope",
                                LocalDate.of(2024, 1, 1),
                                LocalDate.of(2024, 12, 31),
                                "alice"))
                .isEmpty();
        assertThatThrownBy(
                        () ->
                                exports.replay(
                                        "acme",
                                        c,
                                        LocalDate.of(2024, 7, 1),
                                        LocalDate.of(2024, 6, 1),
                                        "alice"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConvertedDocumentGoesOnlyWhenItReadsBackToTheSameBusinessTerms() throws Exception {
        CsvWriter writer = new CsvWriter();
        formats.addWriter(writer, Map.of(Capability.ID, "writer.csv", Capability.LABEL, "CSV"));
        assertThat(formats.list(Locale.FRENCH))
                .extracting(Formats.Format::id, Formats.Format::label)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("original", "Original tel que reçu"),
                        org.assertj.core.groups.Tuple.tuple(
                                "receiver",
                                "La forme de chaque client (adaptateurs de destinataire)"),
                        org.assertj.core.groups.Tuple.tuple("TESTCSV", "CSV"));
        active(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, "TESTCSV");

        String id = receiveXml("INV-10", "2024-06-10");
        awaitEvent(id, Exports.STEP, "exported");
        ExportConnector.Export sent = receiver.received.get(0);
        assertThat(sent.extension()).isEqualTo("csv");
        assertThat(sent.document().mediaType()).isEqualTo("text/csv");
        assertThat(new String(sent.document().content(), UTF_8))
                .isEqualTo("TESTCSV;INV-10;2024-06-10");

        writer.falsify = true;
        String other = receiveXml("INV-11", "2024-06-11");
        awaitEvent(other, Exports.STEP, "failed");
        assertThat(exports.ofInvoice(other).get(0).detail())
                .contains("BT-1 invoice number: INV-11 <> INV-11-X");
        assertThat(receiver.received).hasSize(1);

        // the format's writer uninstalled: exports wait for it
        writer.falsify = false;
        formats.removeWriter(writer, Map.of());
        String later = receiveXml("INV-12", "2024-06-12");
        awaitEvent(later, Exports.STEP, "waiting");
        formats.addWriter(writer, Map.of(Capability.ID, "writer.csv", Capability.LABEL, "CSV"));
        awaitEvent(later, Exports.STEP, "exported");
    }

    @Test
    void aReceiversFormGoesOnlyWhenAllowedWithNothingChangedButTheDeclaredTermsAndValid()
            throws Exception {
        formats.addWriter(new CsvWriter(), Map.of(Capability.ID, "writer.csv"));
        TestAdapter adapter = new TestAdapter();
        adaptations.addAdapter(adapter, Map.of(Capability.ID, "adapter.test"));
        ReceiverRules rules = new ReceiverRules();
        adaptations.addValidator(rules);
        active(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, Formats.RECEIVER);

        // receiver XML changes off (the default): the original, and the timeline says why
        String off = receiveXml("INV-20", "2024-06-20");
        awaitEvent(off, Exports.STEP, "exported");
        assertThat(new String(receiver.received.get(0).document().content(), UTF_8))
                .startsWith("<test-invoice");
        assertThat(steps(off)).contains("adapt:off");

        // on: the receiver's form, with the declared terms added, read back and valid
        dossiers.receiverChanges = true;
        String on = receiveXml("INV-21", "2024-06-21");
        awaitEvent(on, Exports.STEP, "exported");
        ExportConnector.Export sent = receiver.received.get(1);
        assertThat(new String(sent.document().content(), UTF_8))
                .isEqualTo("TESTCSV;INV-21;2024-06-21;LW-42;urn:facteur:test:receiver");
        assertThat(sent.extension()).isEqualTo("xml");
        assertThat(detail(on, Adaptations.STEP, "ok"))
                .contains("adapter.test")
                .contains("BT-10 = LW-42")
                .contains("BT-24 = urn:facteur:test:receiver")
                .contains("Test receiver rules 1.0");

        // an adapter that changes a term it does not declare: refused, not sent in that form
        adapter.falsify = true;
        String falsified = receiveXml("INV-22", "2024-06-22");
        awaitEvent(falsified, Exports.STEP, "failed");
        assertThat(detail(falsified, Adaptations.STEP, "failed"))
                .contains("BT-1 invoice number: INV-22 <> INV-22-X");
        adapter.falsify = false;

        // the receiver's rules find an error: refused with the rule
        rules.refuse = true;
        String invalid = receiveXml("INV-23", "2024-06-23");
        awaitEvent(invalid, Exports.STEP, "failed");
        assertThat(detail(invalid, Adaptations.STEP, "failed")).contains("TEST-01");
        assertThat(receiver.received).hasSize(2);
    }

    @Test
    void aDeliveryCarriesTheReceiversFormWhenTheDossierAllowsIt() throws Exception {
        formats.addWriter(new CsvWriter(), Map.of(Capability.ID, "writer.csv"));
        adaptations.addAdapter(new TestAdapter(), Map.of(Capability.ID, "adapter.test"));
        deliveries.setAdaptations(adaptations);
        DeliveryPipelineTest.TestChannel post =
                new DeliveryPipelineTest.TestChannel("delivery.postal");
        deliveries.addChannel(
                post,
                Map.of(
                        Capability.ID,
                        "delivery.postal",
                        io.facteur.api.DeliveryChannel.FALLBACK,
                        true));
        dossiers.receiverChanges = true;

        String id = receiveXml("INV-30", "2024-06-30");
        awaitEvent(id, Steps.ARCHIVE, "ok");
        deliveries.request("acme", id, "delivery.postal", "alice");
        awaitEvent(id, Deliveries.STEP, "posted");
        assertThat(new String(post.sent.get(0).documents().get(0).content(), UTF_8))
                .isEqualTo("TESTCSV;INV-30;2024-06-30;LW-42;urn:facteur:test:receiver");
        assertThat(steps(id)).containsSubsequence("adapt:ok", "deliver:posted");
    }

    @Test
    void badConnectorsAreRefusedFieldByField() throws Exception {
        assertThatThrownBy(
                        () ->
                                connectors.create(
                                        "acme",
                                        new Draft(
                                                KIND,
                                                " ",
                                                null,
                                                Set.of(InvoiceStatus.FAILED),
                                                "PDF/Z",
                                                Map.of("port", "x"))))
                .isInstanceOfSatisfying(
                        Connectors.InvalidConnectorException.class,
                        e ->
                                assertThat(e.violations())
                                        .extracting(v -> v.attribute())
                                        .contains(
                                                "name",
                                                "documents",
                                                "statuses",
                                                "format",
                                                "settings.port"));
        assertThatThrownBy(
                        () ->
                                connectors.create(
                                        "acme",
                                        new Draft(
                                                "export.none",
                                                "x",
                                                DocumentKinds.ALL,
                                                Set.of(InvoiceStatus.READY),
                                                "original",
                                                Map.of())))
                .isInstanceOf(Connectors.NotInstalledException.class);
        assertThat(connectors.list("acme")).isEmpty();
        assertThat(settings.values).isEmpty();
    }

    @Test
    void deletingAConnectorDropsWhatItHadNotExported() throws Exception {
        String c = active(Set.of(InvoiceStatus.READY), DocumentKinds.ALL, Formats.ORIGINAL);
        connectors.removeService(receiver, Map.of(Capability.ID, KIND));
        String id = receive("INV-13", "2024-06-13");
        awaitEvent(id, Exports.STEP, "waiting");
        assertThat(connectors.delete("acme", c)).isTrue();
        assertThat(exports.ofInvoice(id)).isEmpty();
        assertThat(settings.values).isEmpty();
        connectors.addService(receiver, Map.of(Capability.ID, KIND));
        Thread.sleep(500);
        assertThat(receiver.received).isEmpty();
        assertThat(connectors.delete("acme", c)).isFalse();
    }

    // --- fixtures

    private static Attribute attribute(String id, String type, boolean secret) {
        return new Attribute(id, type, id, "", false, false, List.of(), List.of(), secret);
    }

    private static Draft draft(
            String name,
            Set<InvoiceStatus> statuses,
            DocumentKinds documents,
            String format,
            Map<String, Object> settings) {
        return new Draft(KIND, name, documents, statuses, format, settings);
    }

    private String connector(Set<InvoiceStatus> statuses, DocumentKinds documents, String format)
            throws Exception {
        return connectors
                .create(
                        "acme",
                        draft(
                                "Compta",
                                statuses,
                                documents,
                                format,
                                Map.of("host", "sftp.example", "password", "s3cret")))
                .row()
                .id();
    }

    private String active(Set<InvoiceStatus> statuses, DocumentKinds documents, String format)
            throws Exception {
        String id = connector(statuses, documents, format);
        assertThat(connectors.test("acme", id, Locale.ENGLISH).orElseThrow().result().success())
                .isTrue();
        connectors.switchTo("acme", id, ConnectorState.ACTIVE);
        return id;
    }

    private ConnectorState state(String connector) throws Exception {
        return connectors.get("acme", connector).orElseThrow().state();
    }

    private String receive(String number, String date) throws Exception {
        return receiveFile("TESTINVOICE;number=" + number + ";date=" + date, "invoice.txt");
    }

    private String receiveXml(String number, String date) throws Exception {
        return receiveFile(
                "<test-invoice number=\"" + number + "\" date=\"" + date + "\"/>", "invoice.xml");
    }

    private String receiveFile(String content, String name) throws Exception {
        return inbox.receive(
                        "acme",
                        new ByteArrayInputStream(content.getBytes(UTF_8)),
                        name,
                        "text/plain",
                        new Source("test", ""))
                .id();
    }

    private InvoiceStatus status(String id) throws Exception {
        return inbox.invoices().find("acme", id).orElseThrow().status();
    }

    private List<String> steps(String id) throws Exception {
        return inbox.invoices().timeline(id).stream()
                .map(e -> e.step() + ":" + e.outcome())
                .toList();
    }

    private void awaitEvent(String id, String step, String outcome) throws Exception {
        await(
                () ->
                        inbox.invoices().timeline(id).stream()
                                        .map(TimelineEvent::step)
                                        .anyMatch(step::equals)
                                && steps(id).contains(step + ":" + outcome),
                () ->
                        step
                                + ":"
                                + outcome
                                + " in "
                                + inbox.invoices().timeline(id).stream()
                                        .map(
                                                e ->
                                                        e.step()
                                                                + ":"
                                                                + e.outcome()
                                                                + " "
                                                                + e.detail(Locale.ENGLISH))
                                        .toList());
    }

    private static void await(Callable<Boolean> condition, Callable<String> expected)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + PATIENCE.toSeconds() + " s for " + expected.call());
            }
            Thread.sleep(50);
        }
    }

    private String detail(String id, String step, String outcome) throws Exception {
        return inbox.invoices().timeline(id).stream()
                .filter(e -> e.step().equals(step) && e.outcome().equals(outcome))
                .map(e -> e.detail(Locale.ENGLISH))
                .findFirst()
                .orElse("no " + step + ":" + outcome + " in " + steps(id));
    }

    /** A receiver's form of tests: adds a buyer reference from its settings and a specification. */
    static final class TestAdapter implements ReceiverAdapter {
        static final String SPEC = "urn:facteur:test:receiver";
        volatile boolean falsify;

        @Override
        public Target target() {
            return new Target("TESTCSV", SPEC, Set.of("BT-10", "BT-24"));
        }

        @Override
        public boolean serves(Receiver receiver) {
            return true;
        }

        @Override
        public Document adapt(
                Document xml, Invoice invoice, Receiver receiver, Map<String, Object> settings) {
            String[] f = new String(xml.content(), UTF_8).split(";", -1);
            String number = falsify ? f[1] + "-X" : f[1];
            return new Document(
                    "a.csv",
                    "text/csv",
                    ("TESTCSV;" + number + ";" + f[2] + ";" + settings.get("ref") + ";" + SPEC)
                            .getBytes(UTF_8));
        }
    }

    /** The receiver's rules of tests. */
    static final class ReceiverRules implements Validator {
        volatile boolean refuse;

        @Override
        public boolean appliesTo(Syntax syntax) {
            return syntax.syntax().equals("TESTCSV") && syntax.profile().equals(TestAdapter.SPEC);
        }

        @Override
        public ValidationReport validate(Document original, Invoice invoice) {
            return new ValidationReport(
                    "Test receiver rules 1.0",
                    refuse
                            ? List.of(
                                    new ValidationReport.Finding(
                                            "TEST-01",
                                            ValidationReport.Severity.ERROR,
                                            "",
                                            "refused by the receiver's rules"))
                            : List.of());
        }
    }

    /** Connection settings kept in memory, as ConfigAdmin keeps them in Karaf. */
    static final class MemorySettings implements ConnectionSettings {
        final Map<String, Map<String, Object>> values = new ConcurrentHashMap<>();

        @Override
        public Map<String, Object> load(String pid, String dossier, String connector) {
            Map<String, Object> v = values.get(pid + "~" + dossier + "." + connector);
            return v == null ? Map.of() : new HashMap<>(v);
        }

        @Override
        public void save(String pid, String dossier, String connector, Map<String, Object> v) {
            values.put(pid + "~" + dossier + "." + connector, new ConcurrentHashMap<>(v));
        }

        @Override
        public void delete(String pid, String dossier, String connector) {
            values.remove(pid + "~" + dossier + "." + connector);
        }
    }

    /**
     * A receiver of the SPI: keeps one file per name, as an SFTP directory would, so a retry with
     * the same key replaces its copy.
     */
    static final class TestConnector implements ExportConnector {
        final List<Export> received = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> testedWith = new CopyOnWriteArrayList<>();
        final Map<String, String> files = new ConcurrentHashMap<>();
        final AtomicInteger transientFailures = new AtomicInteger();
        volatile String permanent;
        volatile boolean reachable = true;

        @Override
        public ConnectionTest test(Map<String, Object> settings, Locale locale) {
            testedWith.add(settings);
            return reachable
                    ? new ConnectionTest(true, "ok")
                    : new ConnectionTest(
                            false,
                            locale.getLanguage().equals("fr")
                                    ? "hôte injoignable"
                                    : "host unreachable");
        }

        @Override
        public String send(Export export) throws ExportException {
            keys.add(export.key());
            if (permanent != null) {
                throw new ExportException(permanent, false);
            }
            String path = "/in/" + export.invoice().number() + "." + export.extension();
            files.put(path, export.key());
            if (transientFailures.getAndDecrement() > 0) {
                throw new ExportException("connection reset", true);
            }
            received.add(export);
            return path;
        }

        Map<String, Integer> copies() {
            Map<String, Integer> out = new HashMap<>();
            files.keySet().forEach(f -> out.merge(f, 1, Integer::sum));
            return out;
        }
    }

    private static Invoice invoice(String number, String date) {
        return new Invoice(
                number,
                LocalDate.parse(date),
                "380",
                "EUR",
                null,
                "",
                "urn:facteur:test",
                new Party("Test Seller", "", "", "FR00123456789", "", null),
                new Party("Test Buyer", "", "", "", "", null),
                List.of(),
                List.of(),
                new DocumentTotals(
                        new BigDecimal("100.00"),
                        null,
                        null,
                        new BigDecimal("100.00"),
                        new BigDecimal("20.00"),
                        null,
                        new BigDecimal("120.00"),
                        null,
                        null,
                        new BigDecimal("120.00")));
    }

    /** An XML syntax of tests: {@code <test-invoice number=".." date=".."/>}. */
    static final class XmlReader implements InvoiceReader {
        private static final Pattern XML =
                Pattern.compile("<test-invoice number=\"([^\"]+)\" date=\"([^\"]+)\"/>");

        @Override
        public Optional<Syntax> detect(Document document) {
            return XML.matcher(new String(document.content(), UTF_8)).matches()
                    ? Optional.of(new Syntax("TESTXML", ""))
                    : Optional.empty();
        }

        @Override
        public Invoice read(Document document) throws UnreadableInvoiceException {
            Matcher m = XML.matcher(new String(document.content(), UTF_8));
            if (!m.matches()) {
                throw new UnreadableInvoiceException("not a test XML invoice");
            }
            return invoice(m.group(1), m.group(2));
        }
    }

    /** A second syntax, written from the XML one. */
    static final class CsvReader implements InvoiceReader {
        @Override
        public Optional<Syntax> detect(Document document) {
            String text = new String(document.content(), UTF_8);
            if (!text.startsWith("TESTCSV;")) {
                return Optional.empty();
            }
            String[] f = text.split(";", -1);
            return Optional.of(new Syntax("TESTCSV", f.length > 4 ? f[4] : "urn:facteur:test"));
        }

        @Override
        public Invoice read(Document document) {
            String[] f = new String(document.content(), UTF_8).split(";", -1);
            Invoice i = invoice(f[1], f[2]);
            return new Invoice(
                    i.number(),
                    i.issueDate(),
                    i.typeCode(),
                    i.currency(),
                    i.dueDate(),
                    f.length > 3 ? f[3] : "",
                    f.length > 4 ? f[4] : i.specification(),
                    i.seller(),
                    i.buyer(),
                    i.lines(),
                    i.vatBreakdown(),
                    i.totals());
        }
    }

    static final class CsvWriter implements InvoiceWriter {
        volatile boolean falsify;

        @Override
        public String syntax() {
            return "TESTCSV";
        }

        @Override
        public String mediaType() {
            return "text/csv";
        }

        @Override
        public String extension() {
            return "csv";
        }

        @Override
        public boolean accepts(String sourceSyntax) {
            return sourceSyntax.equals("TESTXML");
        }

        @Override
        public Document write(Document xml, String sourceSyntax, Invoice invoice, Locale locale) {
            String number = falsify ? invoice.number() + "-X" : invoice.number();
            return new Document(
                    "x.csv",
                    "text/csv",
                    ("TESTCSV;" + number + ";" + invoice.issueDate()).getBytes(UTF_8));
        }
    }
}
