package io.facteur.delivery.mail.internal;

import io.facteur.api.DeliveryReports;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPProvider;
import org.eclipse.angus.mail.imap.IMAPSSLProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox on a schedule of its own and reports each permanent failure that names a
 * delivery to the core's {@link DeliveryReports}; reported notices are deleted (or moved to a
 * {@value #PROCESSED} folder when there is one), the others are left for a person, each logged
 * once. Reads nothing when no IMAP host is set.
 */
@Component(configurationPid = MailSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class BounceReader {
    /** Folder that reported notices are moved to when it exists. */
    static final String PROCESSED = "Processed";

    /** Most notices remembered as seen and left. */
    private static final int MAX_REMEMBERED = 10_000;

    private final Logger logger = LoggerFactory.getLogger(BounceReader.class);
    private final MailSettings settings;
    private final BounceParser parser;
    private final Properties properties;
    private final MailClassLoader loader = new MailClassLoader();
    private final ScheduledExecutorService executor;

    /** UIDs of the notices left in the mailbox, so that each is looked at and logged once. */
    private final Map<Long, Boolean> left =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > MAX_REMEMBERED;
                }
            };

    private long uidValidity = -1;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DeliveryReports reports;

    @Activate
    public BounceReader(MailSettings settings) {
        this.settings = settings;
        this.parser = new BounceParser(verp(settings), settings.bounceMaxBytes());
        this.properties = imapProperties(settings);
        if (settings.imapHost() == null || settings.imapHost().isBlank()) {
            this.executor = null;
            logger.info("Bounce mailbox: no IMAP host set, bounces are not read");
            return;
        }
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "facteur-mail-bounces");
                            t.setDaemon(true);
                            return t;
                        });
        long period = Math.max(10, settings.pollSeconds());
        executor.scheduleWithFixedDelay(this::pollLogged, 5, period, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            awaitStop(executor, settings.readTimeoutSeconds() + 5L);
        }
    }

    private void awaitStop(ExecutorService e, long seconds) throws InterruptedException {
        if (!e.awaitTermination(seconds, TimeUnit.SECONDS)) {
            logger.warn("Bounce mailbox: the reader did not stop within {} s", seconds);
        }
    }

    private void pollLogged() {
        try {
            poll();
        } catch (MessagingException | RuntimeException e) {
            logger.warn(
                    "Bounce mailbox {}:{} not read: {}",
                    settings.imapHost(),
                    settings.imapPort(),
                    e.toString());
        }
    }

    /**
     * Reads the mailbox once.
     *
     * @return how many bounces were reported and matched a delivery
     */
    synchronized int poll() throws MessagingException {
        if (reports == null) {
            logger.debug("Bounce mailbox: no delivery reports service yet, not read");
            return 0;
        }
        return loader.run(
                () -> {
                    Session session = Session.getInstance(properties);
                    Provider provider =
                            settings.imapTls() ? new IMAPSSLProvider() : new IMAPProvider();
                    Store store = session.getStore(provider);
                    store.connect(
                            settings.imapHost(),
                            settings.imapPort(),
                            settings.imapUser(),
                            settings._imapPassword());
                    try {
                        return read(session, store);
                    } finally {
                        store.close();
                    }
                });
    }

    private int read(Session session, Store store) throws MessagingException {
        Folder folder = store.getFolder(settings.imapFolder());
        folder.open(Folder.READ_WRITE);
        int reported = 0;
        try {
            Folder processed = store.getFolder(PROCESSED);
            if (!processed.exists() || processed.getFullName().equals(folder.getFullName())) {
                processed = null;
            }
            UIDFolder uids = (UIDFolder) folder;
            if (uids.getUIDValidity() != uidValidity) {
                left.clear();
                uidValidity = uids.getUIDValidity();
            }
            Message[] messages = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            profile.add(FetchProfile.Item.FLAGS);
            folder.fetch(messages, profile);
            int looked = 0;
            for (Message message : messages) {
                if (looked >= settings.bouncesPerPoll() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                long uid = uids.getUID(message);
                if (left.containsKey(uid) || message.isSet(Flags.Flag.DELETED)) {
                    continue;
                }
                looked++;
                Outcome outcome = handle(session, message, uid);
                if (outcome == Outcome.REPORTED) {
                    if (processed != null) {
                        folder.copyMessages(new Message[] {message}, processed);
                    }
                    message.setFlag(Flags.Flag.DELETED, true);
                    reported++;
                } else if (outcome == Outcome.STOP) {
                    break;
                } else {
                    left.put(uid, Boolean.TRUE);
                }
            }
        } finally {
            folder.close(true);
        }
        return reported;
    }

    /** What became of one notice. */
    private enum Outcome {
        REPORTED,
        LEFT,
        STOP
    }

    private Outcome handle(Session session, Message message, long uid) {
        Bounce bounce;
        try {
            if (message.getSize() > settings.bounceMaxBytes()) {
                logger.warn(
                        "Bounce mailbox: message {} of {} bytes is over the limit of {}, left",
                        uid,
                        message.getSize(),
                        settings.bounceMaxBytes());
                return Outcome.LEFT;
            }
            MimeMessage copy = new MimeMessage((MimeMessage) message);
            Optional<Bounce> parsed = parser.parse(copy);
            if (parsed.isEmpty()) {
                logger.info("Bounce mailbox: message {} is no bounce notice, left", uid);
                return Outcome.LEFT;
            }
            bounce = parsed.get();
        } catch (MessagingException | java.io.IOException | RuntimeException e) {
            logger.warn("Bounce mailbox: message {} unreadable, left: {}", uid, e.toString());
            return Outcome.LEFT;
        }
        if (!bounce.permanent()) {
            logger.info(
                    "Bounce mailbox: message {} is no permanent failure (a delay?): {}; left",
                    uid,
                    bounce.reason());
            return Outcome.LEFT;
        }
        if (!bounce.matched()) {
            logger.warn(
                    "Bounce mailbox: bounce {} names no delivery of ours ({}), left",
                    uid,
                    bounce.reason());
            return Outcome.LEFT;
        }
        DeliveryReports r = reports;
        if (r == null) {
            return Outcome.STOP;
        }
        try {
            for (String reference : new String[] {bounce.deliveryId(), bounce.messageId()}) {
                if (reference != null
                        && r.bounced(MailChannel.CAPABILITY, reference, bounce.reason())) {
                    logger.info(
                            "Bounce mailbox: delivery {} bounced: {}", reference, bounce.reason());
                    return Outcome.REPORTED;
                }
            }
        } catch (RuntimeException e) {
            logger.warn("Bounce mailbox: report of bounce {} failed: {}", uid, e.toString());
            return Outcome.STOP;
        }
        logger.warn(
                "Bounce mailbox: bounce {} names delivery {} / {} that the core does not know, left",
                uid,
                bounce.deliveryId(),
                bounce.messageId());
        return Outcome.LEFT;
    }

    private static Verp verp(MailSettings settings) {
        String bounce = settings.bounceAddress();
        if (bounce == null || bounce.isBlank()) {
            return null;
        }
        try {
            return new Verp(HeaderValues.address(bounce).getAddress());
        } catch (AddressException e) {
            return null;
        }
    }

    static Properties imapProperties(MailSettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(Math.max(1, settings.readTimeoutSeconds()) * 1000L);
        String connect = Long.toString(Math.max(1, settings.connectTimeoutSeconds()) * 1000L);
        for (String protocol : new String[] {"imap", "imaps"}) {
            p.setProperty("mail." + protocol + ".connectiontimeout", connect);
            p.setProperty("mail." + protocol + ".timeout", timeout);
            p.setProperty("mail." + protocol + ".writetimeout", timeout);
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        return p;
    }
}
