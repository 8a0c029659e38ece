package io.facteur.core.internal.inbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.facteur.api.Inbox.Source;
import io.facteur.api.InboxException;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.pipeline.JobQueue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class InboxServiceTest {
    private static final Source UPLOAD = new Source("import.upload", "alice");

    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    @TempDir Path folder;
    private Database database;
    private InboxService inbox;

    @BeforeEach
    void inbox() throws Exception {
        database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        inbox =
                InboxService.standalone(
                        database, "acme"::equals, folder, InboxFixture.config(1024, 1, 3));
    }

    @Test
    void aNewDocumentIsReceivedAndQueuedForDetection() throws Exception {
        InboxService.Received received = receive("acme", "invoice 1", "in/INV-1.xml");

        assertThat(received.alreadyKnown()).isFalse();
        InvoiceRow row = inbox.invoices().find("acme", received.id()).orElseThrow();
        assertThat(row.status()).isEqualTo(InvoiceStatus.RECEIVED);
        assertThat(row.fileName()).isEqualTo("INV-1.xml");
        assertThat(row.size()).isEqualTo(9);
        assertThat(row.sourceChannel()).isEqualTo("import.upload");
        assertThat(inbox.documents().read(row.sha256())).isEqualTo(bytes("invoice 1"));
        assertThat(inbox.invoices().timeline(received.id()))
                .extracting(TimelineEvent::step, TimelineEvent::outcome)
                .containsExactly(tuple("received", "ok"));
        assertThat(inbox.invoices().timeline(received.id()).get(0).detail())
                .contains("INV-1.xml", "9 bytes", "import.upload", "alice");
        assertThat(jobs()).containsExactly(received.id() + " detect PENDING");
    }

    @Test
    void theSameBytesAgainAreTheSameInvoiceWithOneJob() throws Exception {
        InboxService.Received first = receive("acme", "invoice 1", "a.xml");

        InboxService.Received again = receive("acme", "invoice 1", "copy-of-a.xml");

        assertThat(again).isEqualTo(new InboxService.Received(first.id(), true));
        assertThat(jobs()).containsExactly(first.id() + " detect PENDING");
        assertThat(inbox.invoices().timeline(first.id())).hasSize(1);
        assertThat(inbox.queue().count(JobQueue.State.PENDING)).isEqualTo(1);
    }

    @Test
    void differentBytesAreTwoInvoices() throws Exception {
        InboxService.Received one = receive("acme", "invoice 1", "a.xml");
        InboxService.Received two = receive("acme", "invoice 2", "a.xml");

        assertThat(two.id()).isNotEqualTo(one.id());
        assertThat(two.alreadyKnown()).isFalse();
        assertThat(inbox.queue().count(JobQueue.State.PENDING)).isEqualTo(2);
    }

    @Test
    void anUnknownDossierIsRefused() throws Exception {
        assertThatThrownBy(() -> receive("globex", "invoice 1", "a.xml"))
                .isInstanceOf(InboxException.class)
                .hasMessageContaining("globex");
        assertThat(invoiceCount()).isZero();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void aDocumentOverTheLimitIsRefusedAndNothingIsKept() throws Exception {
        String big = "x".repeat(1025);

        assertThatThrownBy(() -> receive("acme", big, "big.xml"))
                .isInstanceOf(DocumentTooLargeException.class)
                .hasMessageContaining("1024");
        assertThat(invoiceCount()).isZero();
        assertThat(jobs()).isEmpty();
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void anEmptyDocumentIsRefusedAndNothingIsRecorded() throws Exception {
        assertThatThrownBy(() -> receive("acme", "", "empty.pdf"))
                .isInstanceOf(EmptyDocumentException.class)
                .hasMessageContaining("empty");
        assertThat(invoiceCount()).isZero();
        assertThat(jobs()).isEmpty();
    }

    @Test
    void theSameBytesReceivedConcurrentlyAreOneInvoice() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        InboxService racing =
                InboxService.standalone(
                        database,
                        dossier -> {
                            try {
                                together.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return true;
                        },
                        folder,
                        InboxFixture.config(1024, 1, 3));
        ExecutorService twoChannels = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                byte[] content = bytes("invoice " + round);
                Callable<InboxService.Received> receive =
                        () ->
                                racing.receive(
                                        "acme",
                                        new ByteArrayInputStream(content),
                                        "a.xml",
                                        "application/xml",
                                        UPLOAD);
                Future<InboxService.Received> one = twoChannels.submit(receive);
                Future<InboxService.Received> two = twoChannels.submit(receive);

                assertThat(List.of(one.get(), two.get()))
                        .extracting(InboxService.Received::alreadyKnown)
                        .containsExactlyInAnyOrder(false, true);
                assertThat(one.get().id()).isEqualTo(two.get().id());
            }
        } finally {
            twoChannels.shutdownNow();
        }
        assertThat(invoiceCount()).isEqualTo(20);
        assertThat(inbox.queue().count(JobQueue.State.PENDING)).isEqualTo(20);
    }

    private InboxService.Received receive(String dossier, String content, String fileName)
            throws Exception {
        return inbox.receive(
                dossier,
                new ByteArrayInputStream(bytes(content)),
                fileName,
                "application/xml",
                UPLOAD);
    }

    private List<String> jobs() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT invoice_id, step, state FROM job ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        return out;
    }

    private int invoiceCount() throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM invoice");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}
