package io.facteur.core.internal.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.facteur.api.Capability;
import io.facteur.api.DeliveryChannel;
import io.facteur.api.DeliveryException;
import io.facteur.api.Dossiers;
import io.facteur.api.Dossiers.DossierDefaults;
import io.facteur.api.Dossiers.DuplicateMode;
import io.facteur.api.Inbox.Source;
import io.facteur.core.internal.customer.Customer;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.delivery.Deliveries;
import io.facteur.core.internal.delivery.DeliveryRow;
import io.facteur.core.internal.delivery.DeliveryState;
import io.facteur.core.internal.delivery.DeliveryStore;
import io.facteur.core.internal.inbox.InboxFixture;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.inbox.TimelineEvent;
import io.facteur.core.internal.render.InvoiceRenderings;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries through the real pipeline, queue and Derby: automatic delivery after archiving, the
 * dossier's rules (block mode), retries, bounces, the correction window and the fallback, and what
 * a crash during a send leaves.
 */
class DeliveryPipelineTest {
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("patience", 10));

    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    @TempDir Path folder;
    private InboxService inbox;
    private Pipeline pipeline;
    private Deliveries deliveries;
    private final TestDossiers dossiers = new TestDossiers();
    private final List<Pipeline> started = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Database database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        inbox =
                InboxService.standalone(
                        database, "acme"::equals, folder, InboxFixture.config(1 << 20, 2, 2));
        deliveries =
                Deliveries.standalone(
                        inbox,
                        dossiers,
                        (dossier, channel) -> Map.of("from", dossier + "@example.org"),
                        new InvoiceRenderings(inbox),
                        Duration.ofHours(1),
                        Duration.ofSeconds(1));
        pipeline = new Pipeline(inbox);
        started.add(pipeline);
        pipeline.addReader(new PipelineTest.TestReader(), Map.of(Capability.ID, "format.test"));
        pipeline.addValidator(new PipelineTest.NumberRules());
        pipeline.setDuplicateCheck(new PipelineTest.NumberDuplicates());
        pipeline.setArchive(new PipelineTest.ShaArchive());
        pipeline.setDossiers(dossiers);
        pipeline.addExtension(deliveries);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Pipeline p : started) {
            p.deactivate();
        }
    }

    @Test
    void automaticDeliverySendsOnceArchivedToTheBuyersAddress() throws Exception {
        dossiers.automatic = true;
        TestChannel mail = install("delivery.mail", 10);

        String id = receive("INV-1", "2024-05-01", "billing@buyer.example");

        awaitStatus(id, InvoiceStatus.SENT);
        assertThat(mail.sent).hasSize(1);
        DeliveryChannel.Delivery d = mail.sent.get(0);
        assertThat(d.invoiceId()).isEqualTo(id);
        assertThat(d.recipient().emails()).containsExactly("billing@buyer.example");
        assertThat(new String(d.documents().get(0).content(), UTF_8)).contains("INV-1");
        assertThat(d.settings()).containsEntry("from", "acme@example.org");
        assertThat(d.language()).isEqualTo("fr");
        assertThat(steps(id)).containsSubsequence("archive:ok", "deliver:queued", "deliver:sent");
        DeliveryRow row = deliveries.ofInvoice(id).get(0);
        assertThat(row.state()).isEqualTo(DeliveryState.SENT);
        assertThat(row.reference()).isEqualTo("<" + row.id() + "@test>");
        assertThat(row.requestedBy()).isEqualTo(Deliveries.AUTOMATIC);
        // the customer directory learnt the buyer
        assertThat(inbox.customers().list("acme", null, 10))
                .extracting(Customer::name, Customer::emails)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Test Buyer", List.of("billing@buyer.example")));
    }

    @Test
    void blockModeRefusesADuplicateAutomaticallyAndManuallyUntilItIsReleased() throws Exception {
        dossiers.automatic = true;
        dossiers.mode = DuplicateMode.BLOCK;
        TestChannel mail = install("delivery.mail", 10);
        String first = receive("INV-2", "2024-05-02", "a@buyer.example");
        awaitStatus(first, InvoiceStatus.SENT);

        // the same invoice again (other bytes: another file name field)
        String twin = receive("INV-2", "2024-05-02", "a@buyer.example;note=again");
        awaitEvent(twin, Deliveries.STEP, "refused");
        assertThat(status(twin)).isEqualTo(InvoiceStatus.DUPLICATE);

        assertThatThrownBy(() -> deliveries.request("acme", twin, null, "alice"))
                .isInstanceOf(Deliveries.RefusedException.class)
                .hasMessageContaining("duplicate");
        assertThat(mail.sent).hasSize(1);
        assertThat(deliveries.ofInvoice(twin)).isEmpty();
        assertThat(
                        inbox.invoices().timeline(twin).stream()
                                .filter(e -> e.outcome().equals("refused"))
                                .count())
                .isEqualTo(2);

        // released by a user: the rules allow it now
        try (Connection c = inbox.database().connection()) {
            inbox.invoices().status(c, twin, InvoiceStatus.READY, null);
        }
        deliveries.request("acme", twin, null, "alice");
        awaitStatus(twin, InvoiceStatus.SENT);
        assertThat(mail.sent).hasSize(2);
    }

    @Test
    void warnModeSendsADuplicateAsUsual() throws Exception {
        dossiers.automatic = true;
        dossiers.mode = DuplicateMode.WARN;
        TestChannel mail = install("delivery.mail", 10);
        String first = receive("INV-3", "2024-05-03", "a@buyer.example");
        String twin = receive("INV-3", "2024-05-03", "a@buyer.example;note=again");

        awaitStatus(first, InvoiceStatus.SENT);
        awaitStatus(twin, InvoiceStatus.SENT);
        assertThat(mail.sent).hasSize(2);
        // whichever of the two was checked second is the duplicate (two workers)
        assertThat(List.of(steps(first), steps(twin)))
                .anySatisfy(s -> assertThat(s).contains("duplicates:duplicate"));
    }

    @Test
    void aDuplicateFoundAfterTheRequestIsRefusedWhenItsJobRuns() throws Exception {
        dossiers.mode = DuplicateMode.BLOCK;
        String id = receive("INV-4", "2024-05-04", "a@buyer.example");
        awaitEvent(id, Steps.ARCHIVE, "ok");
        DeliveryRow d = deliveries.request("acme", id, null, "alice"); // no channel yet: waits
        awaitEvent(id, Deliveries.STEP, "waiting");
        try (Connection c = inbox.database().connection()) {
            inbox.invoices().status(c, id, InvoiceStatus.DUPLICATE, "found since");
        }

        TestChannel mail = install("delivery.mail", 10);

        awaitEvent(id, Deliveries.STEP, "refused");
        assertThat(mail.sent).isEmpty();
        assertThat(state(d.id())).isEqualTo(DeliveryState.REFUSED);
    }

    @Test
    void withoutAChannelADeliveryWaitsAndGoesOnceOneIsInstalled() throws Exception {
        dossiers.automatic = true;
        String id = receive("INV-5", "2024-05-05", "a@buyer.example");
        awaitEvent(id, Deliveries.STEP, "waiting");
        assertThat(status(id)).isEqualTo(InvoiceStatus.READY);

        TestChannel mail = install("delivery.mail", 10);

        awaitStatus(id, InvoiceStatus.SENT);
        assertThat(mail.sent).hasSize(1);
    }

    @Test
    void aTransientFailureIsRetriedAndSentOnce() throws Exception {
        dossiers.automatic = true;
        TestChannel mail = install("delivery.mail", 10);
        mail.transientFailures.set(2);

        String id = receive("INV-6", "2024-05-06", "a@buyer.example");

        awaitStatus(id, InvoiceStatus.SENT);
        assertThat(mail.calls.get()).isEqualTo(3);
        assertThat(mail.sent).hasSize(1);
        assertThat(steps(id)).containsSubsequence("deliver:retry", "deliver:retry", "deliver:sent");
    }

    @Test
    void aPermanentFailureStopsWithItsReason() throws Exception {
        dossiers.automatic = true;
        TestChannel mail = install("delivery.mail", 10);
        mail.permanent = "550 5.7.1 relaying denied";

        String id = receive("INV-7", "2024-05-07", "a@buyer.example");

        awaitStatus(id, InvoiceStatus.FAILED);
        assertThat(mail.calls.get()).isEqualTo(1);
        assertThat(inbox.invoices().find("acme", id).orElseThrow().reason())
                .contains("relaying denied");
        assertThat(deliveries.ofInvoice(id).get(0).state()).isEqualTo(DeliveryState.FAILED);
    }

    @Test
    void aTransientFailureBeyondTheRetryTimeFails() throws Exception {
        deliveries =
                Deliveries.standalone(
                        inbox,
                        dossiers,
                        (d, c) -> Map.of(),
                        new InvoiceRenderings(inbox),
                        Duration.ZERO,
                        Duration.ofSeconds(1));
        pipeline.addExtension(deliveries);
        dossiers.automatic = true;
        TestChannel mail = install("delivery.mail", 10);
        mail.transientFailures.set(100);

        String id = receive("INV-8", "2024-05-08", "a@buyer.example");

        awaitStatus(id, InvoiceStatus.FAILED);
        assertThat(mail.calls.get()).isEqualTo(1);
    }

    @Test
    void aSendInterruptedBetweenAttemptAndReceiptIsNeverSentAgain() throws Exception {
        String id = receive("INV-9", "2024-05-09", "a@buyer.example");
        awaitEvent(id, Steps.ARCHIVE, "ok");
        TestChannel mail = install("delivery.mail", 10);
        pipeline.deactivate(); // no worker picks the job up before the "crash" below
        started.remove(pipeline);
        DeliveryRow d;
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            d = new DeliveryStore().insert(c, id, "acme", "delivery.mail", "alice");
            inbox.queue().enqueue(c, id, Deliveries.STEP, d.id());
            // the attempt was committed, then the platform died before the receipt
            new DeliveryStore().attempting(c, d.id(), "delivery.mail", "a@buyer.example");
            c.commit();
        }

        Pipeline restarted = new Pipeline(inbox);
        started.add(restarted);
        restarted.setDossiers(dossiers);
        restarted.addExtension(deliveries);

        awaitEvent(id, Deliveries.STEP, "uncertain");
        assertThat(state(d.id())).isEqualTo(DeliveryState.UNCERTAIN);
        assertThat(mail.calls.get()).isZero();
        Thread.sleep(300);
        assertThat(mail.calls.get()).isZero();
    }

    @Test
    void aChannelThatBreaksUnexpectedlyLeavesTheDeliveryUncertain() throws Exception {
        dossiers.automatic = true;
        TestChannel mail = install("delivery.mail", 10);
        mail.crash = true;

        String id = receive("INV-10", "2024-05-10", "a@buyer.example");

        awaitEvent(id, Deliveries.STEP, "uncertain");
        assertThat(deliveries.ofInvoice(id).get(0).state()).isEqualTo(DeliveryState.UNCERTAIN);
        assertThat(mail.calls.get()).isEqualTo(1);
    }

    @Test
    void aBounceWaitsForACorrectedAddressThenSendsAgainThere() throws Exception {
        dossiers.automatic = true;
        dossiers.correctionHours = 72;
        TestChannel mail = install("delivery.mail", 10);
        String id = receive("INV-11", "2024-05-11", "typo@buyer.example");
        awaitStatus(id, InvoiceStatus.SENT);
        DeliveryRow sent = deliveries.ofInvoice(id).get(0);

        assertThat(deliveries.bounced("delivery.mail", sent.reference(), "5.1.1 user unknown"))
                .isTrue();
        assertThat(deliveries.bounced("delivery.mail", "<nobody@test>", "5.1.1")).isFalse();
        assertThat(deliveries.bounced("delivery.postal", sent.reference(), "5.1.1")).isFalse();

        assertThat(status(id)).isEqualTo(InvoiceStatus.BOUNCED);
        DeliveryRow bounced = deliveries.ofInvoice(id).get(0);
        assertThat(bounced.correctUntil())
                .isBetween(
                        Instant.now().plus(Duration.ofHours(71)),
                        Instant.now().plus(Duration.ofHours(73)));
        assertThat(deliveries.closeWindows()).isZero(); // window still open

        Customer k = inbox.customers().list("acme", null, 10).get(0);
        try (Connection c = inbox.database().connection()) {
            inbox.customers()
                    .save(
                            c,
                            new Customer(
                                    k.id(),
                                    k.dossier(),
                                    k.matchKey(),
                                    k.name(),
                                    List.of("right@buyer.example"),
                                    k.language(),
                                    k.address(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    "alice",
                                    Instant.now()),
                            false);
        }
        assertThat(deliveries.corrected("acme", k.id(), "alice")).isEqualTo(1);

        awaitStatus(id, InvoiceStatus.SENT);
        assertThat(mail.sent).hasSize(2);
        assertThat(mail.sent.get(1).recipient().emails()).containsExactly("right@buyer.example");
        List<DeliveryRow> all = deliveries.ofInvoice(id);
        assertThat(all.get(0).replacedBy()).isEqualTo(all.get(1).id());
        assertThat(deliveries.corrected("acme", k.id(), "alice")).isZero();
    }

    @Test
    void whenTheCorrectionWindowClosesTheInvoiceGoesByTheNextChannel() throws Exception {
        dossiers.automatic = true;
        dossiers.correctionHours = 0;
        TestChannel mail = install("delivery.mail", 10);
        String id = receive("INV-12", "2024-05-12", "gone@buyer.example");
        awaitStatus(id, InvoiceStatus.SENT);
        deliveries.bounced("delivery.mail", deliveries.ofInvoice(id).get(0).id(), "5.1.1");

        assertThat(deliveries.closeWindows()).isZero(); // no other channel installed yet
        TestChannel post = install("delivery.postal", 0);
        assertThat(deliveries.closeWindows()).isEqualTo(1);

        awaitStatus(id, InvoiceStatus.POSTED);
        assertThat(post.sent).hasSize(1);
        assertThat(mail.sent).hasSize(1);
        assertThat(steps(id))
                .containsSubsequence("deliver:bounced", "deliver:queued", "deliver:posted");
        assertThat(deliveries.closeWindows()).isZero();
    }

    @Test
    void thePostIsNeverChosenForAFirstSendOnlyWhenNamed() throws Exception {
        dossiers.automatic = true;
        TestChannel post = install("delivery.postal", 0);

        String id = receive("INV-14", "2024-05-14", "a@buyer.example");

        awaitEvent(id, Deliveries.STEP, "waiting");
        assertThat(post.calls.get()).isZero();
        assertThat(deliveries.ofInvoice(id).get(0).state()).isEqualTo(DeliveryState.QUEUED);

        deliveries.request("acme", id, "delivery.postal", "alice");
        awaitStatus(id, InvoiceStatus.POSTED);
        assertThat(post.sent).hasSize(1);

        // the automatic delivery that waited for a channel does not send it a second time
        TestChannel mail = install("delivery.mail", 10);
        awaitEvent(id, Deliveries.STEP, "superseded");
        assertThat(mail.calls.get()).isZero();
        assertThat(deliveries.ofInvoice(id).get(0).state()).isEqualTo(DeliveryState.REFUSED);
    }

    @Test
    void aCustomerNoChannelReachesFailsWithTheReason() throws Exception {
        dossiers.automatic = true;
        install("delivery.mail", 10);

        String id = receive("INV-13", "2024-05-13", "");

        awaitStatus(id, InvoiceStatus.FAILED);
        assertThat(deliveries.ofInvoice(id).get(0).state()).isEqualTo(DeliveryState.FAILED);
        assertThat(steps(id)).contains("deliver:failed");
    }

    // --- fixtures

    /**
     * Installs a test channel; the post, as the real one, serves only when named or as fallback.
     */
    private TestChannel install(String id, int ranking) {
        TestChannel channel = new TestChannel(id);
        deliveries.addChannel(
                channel,
                Map.of(
                        Capability.ID,
                        id,
                        org.osgi.framework.Constants.SERVICE_RANKING,
                        ranking,
                        DeliveryChannel.FALLBACK,
                        id.equals("delivery.postal")));
        return channel;
    }

    private String receive(String number, String date, String buyerEmail) throws Exception {
        String content =
                "TESTINVOICE;number=" + number + ";date=" + date + ";buyerEmail=" + buyerEmail;
        return inbox.receive(
                        "acme",
                        new ByteArrayInputStream(content.getBytes(UTF_8)),
                        "invoice.txt",
                        "text/plain",
                        new Source("test", ""))
                .id();
    }

    private InvoiceStatus status(String id) throws Exception {
        return inbox.invoices().find("acme", id).orElseThrow().status();
    }

    private DeliveryState state(String deliveryId) throws Exception {
        try (Connection c = inbox.database().connection()) {
            return new DeliveryStore().find(c, deliveryId).orElseThrow().state();
        }
    }

    private List<String> steps(String id) throws Exception {
        return inbox.invoices().timeline(id).stream()
                .map(e -> e.step() + ":" + e.outcome())
                .toList();
    }

    private void awaitStatus(String id, InvoiceStatus status) throws Exception {
        await(() -> status(id) == status, () -> status + ", but " + status(id) + " " + steps(id));
    }

    private void awaitEvent(String id, String step, String outcome) throws Exception {
        await(
                () ->
                        inbox.invoices().timeline(id).stream()
                                        .map(TimelineEvent::step)
                                        .anyMatch(step::equals)
                                && steps(id).contains(step + ":" + outcome),
                () -> step + ":" + outcome + " in " + steps(id));
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

    /** Dossier defaults a test sets. */
    static final class TestDossiers implements Dossiers {
        volatile boolean automatic;
        volatile DuplicateMode mode = DuplicateMode.WARN;
        volatile int correctionHours = 72;
        volatile boolean receiverChanges;

        @Override
        public Optional<Dossier> find(String dossierId) {
            return Optional.of(new Dossier(dossierId, "Acme SA", "FR", "", "", "fr"));
        }

        @Override
        public DossierDefaults defaults(String dossierId) {
            return new DossierDefaults(
                    "fr",
                    30,
                    automatic,
                    receiverChanges,
                    mode,
                    10,
                    Dossiers.LanguageSource.COMPANY,
                    correctionHours);
        }
    }

    /**
     * A channel of the SPI that records what it is given: e-mail reaches recipients with an
     * address, the post everyone. The real channels are tested in their bundles and the itests.
     */
    static final class TestChannel implements DeliveryChannel {
        final String id;
        final List<Delivery> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger transientFailures = new AtomicInteger();
        volatile String permanent;
        volatile boolean crash;

        TestChannel(String id) {
            this.id = id;
        }

        @Override
        public Receipt send(Delivery delivery) throws DeliveryException {
            calls.incrementAndGet();
            if (crash) {
                throw new IllegalStateException("broken channel");
            }
            if (permanent != null) {
                throw new DeliveryException(permanent, false);
            }
            if (transientFailures.getAndDecrement() > 0) {
                throw new DeliveryException("connection refused", true);
            }
            sent.add(delivery);
            return id.equals("delivery.postal")
                    ? new Receipt(Status.POSTED, delivery.deliveryId(), "print job")
                    : new Receipt(
                            Status.SENT,
                            "<" + delivery.deliveryId() + "@test>",
                            String.join(", ", delivery.recipient().emails()));
        }

        @Override
        public boolean reaches(Recipient recipient) {
            return id.equals("delivery.postal") || !recipient.emails().isEmpty();
        }
    }
}
