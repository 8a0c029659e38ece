package io.facteur.channel.mail.internal;

import io.facteur.api.Inbox;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the import mailbox on a thread of its own: imports what is there, then waits with IMAP
 * IDLE where the server offers it (else polls every {@code pollSeconds}), reconnecting with a
 * growing pause while the server is down. Each mail goes to Processed or Rejected only after {@link
 * MailImport} is done with it. Reads nothing while no IMAP host is set.
 */
@Component(
        service = MailboxReader.class,
        configurationPid = MailImportSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MailImportSettings.class)
public class MailboxReader {
    private static final long MAX_BACKOFF_MS = 300_000;

    private final Logger logger = LoggerFactory.getLogger(MailboxReader.class);
    private final MailImportSettings settings;
    private final MailClassLoader loader = new MailClassLoader();
    private final Mailbox mailbox;
    private final MailLedger ledger;
    private final MailImport importer;
    private final ExecutorService worker;
    private final ScheduledExecutorService idleBreaker;
    private final Object wake = new Object();
    private volatile boolean running;
    private volatile IMAPFolder watched;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Inbox inbox;

    @Activate
    public MailboxReader(
            MailImportSettings settings,
            @Reference(target = "(dataSourceName=facteur)", name = "dataSource")
                    DataSource dataSource,
            @Reference DossierImports dossiers)
            throws SQLException {
        this(settings, dataSource, dossiers, true);
    }

    /**
     * @param watch whether to start watching the mailbox (false: only {@link #importOnce})
     */
    MailboxReader(
            MailImportSettings settings,
            DataSource dataSource,
            DossierImports dossiers,
            boolean watch)
            throws SQLException {
        this.settings = settings;
        this.ledger = new MailLedger(dataSource);
        ledger.create();
        this.mailbox = loader.run(() -> new Mailbox(settings));
        this.importer =
                new MailImport(
                        mailbox.session(),
                        Limits.of(settings),
                        new DossierMatch(
                                new SenderAuthentication(settings.authservId()),
                                settings.requireSenderAuthentication()),
                        dossiers,
                        ledger);
        if (!watch || settings.imapHost() == null || settings.imapHost().isBlank()) {
            worker = null;
            idleBreaker = null;
            if (watch) {
                logger.info("Mail import: no IMAP host set, the import mailbox is not read");
            }
            return;
        }
        running = true;
        worker = Executors.newSingleThreadExecutor(r -> daemon(r, "facteur-mail-import"));
        idleBreaker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> daemon(r, "facteur-mail-import-idle"));
        worker.execute(this::watch);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The ledger, for the REST resource and the shell command. */
    MailLedger ledger() {
        return ledger;
    }

    /** The platform's settings, for the REST resource. */
    MailImportSettings settings() {
        return settings;
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        if (worker == null) {
            return;
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        breakIdle(watched);
        worker.shutdownNow();
        idleBreaker.shutdownNow();
        long seconds = settings.readTimeoutSeconds() + 5L;
        if (!worker.awaitTermination(seconds, TimeUnit.SECONDS)) {
            logger.warn("Mail import: the reader did not stop within {} s", seconds);
        }
    }

    private void watch() {
        long backoff = 1000;
        while (running) {
            try {
                loader.run(
                        () -> {
                            session();
                            return null;
                        });
                backoff = 1000;
            } catch (Exception e) { // mailbox, database or inbox: all retried the same way
                if (!running) {
                    break;
                }
                logger.warn(
                        "Mail import: mailbox {}:{} failed, retry in {} s: {}",
                        settings.imapHost(),
                        settings.imapPort(),
                        backoff / 1000,
                        e.toString());
                pause(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** One connection: import, wait for mail, import again, until stopped or broken. */
    private void session() throws MessagingException, SQLException, IOException {
        Store store = mailbox.connect();
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder(settings.imapFolder());
            folder.open(Folder.READ_WRITE);
            watched = folder;
            try {
                boolean idle = ((IMAPStore) store).hasCapability("IDLE");
                while (running) {
                    importFrom(store, folder);
                    if (!running) {
                        break;
                    }
                    if (idle) {
                        idle(folder);
                    } else {
                        pause(settings.pollSeconds() * 1000L);
                        folder.getMessageCount(); // a NOOP: new mail shows up
                    }
                }
            } finally {
                watched = null;
                if (folder.isOpen()) {
                    folder.close(true);
                }
            }
        } finally {
            store.close();
        }
    }

    /** Waits in IDLE for new mail, never longer than the poll interval or the read timeout. */
    private void idle(IMAPFolder folder) throws MessagingException {
        long seconds =
                Math.max(1, Math.min(settings.pollSeconds(), settings.readTimeoutSeconds() - 5));
        ScheduledFuture<?> breaker =
                idleBreaker.schedule(() -> breakIdle(folder), seconds, TimeUnit.SECONDS);
        try {
            folder.idle(true);
        } finally {
            breaker.cancel(false);
        }
    }

    /** Ends an IDLE from another thread: any command on the folder does. */
    private void breakIdle(IMAPFolder folder) {
        if (folder == null) {
            return;
        }
        try {
            folder.doCommand(
                    p -> {
                        p.simpleCommand("NOOP", null);
                        return null;
                    });
        } catch (MessagingException | RuntimeException e) {
            logger.debug("Mail import: IDLE not ended: {}", e.toString());
        }
    }

    private void pause(long millis) {
        synchronized (wake) {
            try {
                if (running) {
                    wake.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /**
     * Connects, imports what the folder holds (up to {@code mailsPerPoll}) and disconnects.
     *
     * @return the outcome counts
     */
    Counts importOnce() throws Exception {
        return loader.run(
                () -> {
                    Store store = mailbox.connect();
                    try {
                        Folder folder = store.getFolder(settings.imapFolder());
                        folder.open(Folder.READ_WRITE);
                        try {
                            return importFrom(store, folder);
                        } finally {
                            folder.close(true);
                        }
                    } finally {
                        store.close();
                    }
                });
    }

    /**
     * How many mails a pass imported, found imported already, rejected.
     *
     * @param left mails left in place because the inbox or the database failed
     */
    record Counts(int imported, int already, int rejected, int left) {}

    private synchronized Counts importFrom(Store store, Folder folder)
            throws MessagingException, SQLException, IOException {
        Inbox target = inbox;
        if (target == null) {
            logger.debug("Mail import: no inbox service yet, the mailbox is not read");
            return new Counts(0, 0, 0, 0);
        }
        int count = folder.getMessageCount();
        if (count == 0) {
            return new Counts(0, 0, 0, 0);
        }
        Message[] messages = folder.getMessages(1, Math.min(count, settings.mailsPerPoll()));
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.SIZE);
        profile.add(FetchProfile.Item.FLAGS);
        folder.fetch(messages, profile);
        Folder processed = Mailbox.ensure(store, settings.processedFolder());
        Folder rejected = Mailbox.ensure(store, settings.rejectedFolder());
        boolean move = ((IMAPStore) store).hasCapability("MOVE");
        int imported = 0;
        int already = 0;
        int refused = 0;
        int left = 0;
        for (Message m : messages) {
            if (!running && worker != null || Thread.currentThread().isInterrupted()) {
                break;
            }
            if (m.isSet(Flags.Flag.DELETED)) {
                continue;
            }
            MailImport.Result r;
            try {
                r = importer.handle(m, target);
            } catch (RuntimeException e) {
                // the inbox failed (disk, core stopping): the mail stays and comes back later
                logger.warn(
                        "Mail import: mail {} left in place: {}",
                        m.getMessageNumber(),
                        e.toString());
                left++;
                break;
            }
            switch (r.outcome()) {
                case IMPORTED -> imported++;
                case ALREADY_IMPORTED -> already++;
                case REJECTED -> {
                    refused++;
                    logger.info(
                            "Mail import: mail {} rejected ({}), kept in {}",
                            m.getMessageNumber(),
                            r.reason(),
                            settings.rejectedFolder());
                }
            }
            transfer(
                    (IMAPFolder) folder,
                    m,
                    r.outcome() == MailImport.Outcome.REJECTED ? rejected : processed,
                    move);
        }
        if (!move) {
            folder.expunge();
        }
        return new Counts(imported, already, refused, left);
    }

    private static void transfer(IMAPFolder from, Message m, Folder to, boolean move)
            throws MessagingException {
        Message[] one = {m};
        if (move) {
            from.moveMessages(one, to);
        } else {
            from.copyMessages(one, to);
            m.setFlag(Flags.Flag.DELETED, true);
        }
    }
}
