package io.facteur.core.internal.changes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Inbox.Source;
import io.facteur.api.InvoiceChanges.Change;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.inbox.InboxFixture;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceStatus;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class InvoiceChangesServiceTest {
    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    @TempDir Path folder;
    private InboxService inbox;
    private Database database;

    @BeforeEach
    void inbox() throws Exception {
        database = new Database(derby.dataSource());
        InboxFixture.dossier(database, "acme");
        inbox =
                InboxService.standalone(
                        database, "acme"::equals, folder, InboxFixture.config(1 << 20, 2, 2));
    }

    @Test
    void everyChangeOfStatusIsInTheFeedInOrderWithItsSource() throws Exception {
        InvoiceChangesService feed = InvoiceChangesService.standalone(database, Duration.ZERO);
        assertThat(feed.head()).isZero();
        String id = receive("one");
        try (Connection c = database.connection()) {
            inbox.invoices().status(c, id, InvoiceStatus.READY, null);
            inbox.invoices().status(c, id, InvoiceStatus.READY, null); // no change: no entry
            inbox.invoices().status(c, id, InvoiceStatus.SENT, null);
        }

        List<Change> all = feed.after(0, 100);

        assertThat(all).extracting(Change::status).containsExactly("RECEIVED", "READY", "SENT");
        assertThat(all).extracting(Change::invoiceId).containsOnly(id);
        assertThat(all.get(0).dossier()).isEqualTo("acme");
        assertThat(all.get(0).sourceChannel()).isEqualTo("api");
        assertThat(all.get(0).sourceDetail()).isEqualTo("key k1");
        assertThat(feed.head()).isEqualTo(all.get(2).seq());
        assertThat(feed.after(all.get(1).seq(), 100))
                .extracting(Change::status)
                .containsExactly("SENT");
        assertThat(feed.after(all.get(2).seq(), 100)).isEmpty();
        assertThat(feed.after(0, 2)).hasSize(2);
    }

    @Test
    void aChangeOfAnOpenTransactionIsNeverSkippedByAReaderThatGoesOn() throws Exception {
        InvoiceChangesService feed =
                InvoiceChangesService.standalone(database, Duration.ofMinutes(1));
        String a = receive("a");
        String b = receive("b");
        long start = feed.head();
        List<Change> read = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop =
                new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader;
        try (Connection open = database.connection()) {
            open.setAutoCommit(false);
            inbox.invoices().status(open, a, InvoiceStatus.READY, null); // a number, not committed
            Thread writer =
                    new Thread(
                            () -> {
                                try (Connection other = database.connection()) {
                                    inbox.invoices().status(other, b, InvoiceStatus.READY, null);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            writer.start();
            // a reader that goes on from what it read, as a webhook sender does
            reader =
                    new Thread(
                            () -> {
                                long cursor = start;
                                while (!stop.get()) {
                                    for (Change ch : feed.after(cursor, 100)) {
                                        read.add(ch);
                                        cursor = ch.seq();
                                    }
                                }
                            });
            reader.start();
            Thread.sleep(300);
            open.commit();
            writer.join(10_000);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (read.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        reader.join(10_000);

        // Derby makes the reader wait for the open transaction, PostgreSQL shows a gap the feed
        // waits out: either way both changes are read, in the order of their numbers
        assertThat(read).extracting(Change::invoiceId).containsExactly(a, b);
    }

    @Test
    void aNumberOfARolledBackChangeIsPassedOnceSettled() throws Exception {
        String a = receive("a");
        String b = receive("b");
        long start = InvoiceChangesService.standalone(database, Duration.ZERO).head();
        try (Connection open = database.connection()) {
            open.setAutoCommit(false);
            inbox.invoices().status(open, a, InvoiceStatus.READY, null);
            open.rollback();
        }
        try (Connection other = database.connection()) {
            inbox.invoices().status(other, b, InvoiceStatus.READY, null);
        }

        assertThat(
                        InvoiceChangesService.standalone(database, Duration.ofMinutes(1))
                                .after(start, 9))
                .isEmpty();
        assertThat(InvoiceChangesService.standalone(database, Duration.ZERO).after(start, 9))
                .extracting(Change::invoiceId)
                .containsExactly(b);
    }

    private String receive(String text) throws Exception {
        return inbox.receive(
                        "acme",
                        new ByteArrayInputStream(text.getBytes(UTF_8)),
                        text + ".xml",
                        "application/xml",
                        new Source("api", "key k1"))
                .id();
    }
}
