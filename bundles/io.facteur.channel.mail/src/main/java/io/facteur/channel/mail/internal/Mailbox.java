package io.facteur.channel.mail.internal;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPProvider;
import org.eclipse.angus.mail.imap.IMAPSSLProvider;

/** Opens the import mailbox with the settings' timeouts, so that no call can hang a worker. */
final class Mailbox {
    private final MailImportSettings settings;
    private final Session session;

    Mailbox(MailImportSettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(properties(settings));
    }

    Session session() {
        return session;
    }

    /** A connected store; the caller closes it. */
    Store connect() throws MessagingException {
        Provider provider = settings.imapTls() ? new IMAPSSLProvider() : new IMAPProvider();
        Store store = session.getStore(provider);
        store.connect(
                settings.imapHost(),
                settings.imapPort(),
                settings.imapUser(),
                settings._imapPassword());
        return store;
    }

    /** The folder, created when missing (Processed, Rejected). */
    static Folder ensure(Store store, String name) throws MessagingException {
        Folder f = store.getFolder(name);
        if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("Cannot create folder " + name);
        }
        return f;
    }

    static Properties properties(MailImportSettings settings) {
        Properties p = new Properties();
        String timeout = Long.toString(Math.max(1, settings.readTimeoutSeconds()) * 1000L);
        String connect = Long.toString(Math.max(1, settings.connectTimeoutSeconds()) * 1000L);
        for (String protocol : new String[] {"imap", "imaps"}) {
            p.setProperty("mail." + protocol + ".connectiontimeout", connect);
            p.setProperty("mail." + protocol + ".timeout", timeout);
            p.setProperty("mail." + protocol + ".writetimeout", timeout);
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
            // whole messages in few round trips: the size was checked before the fetch
            p.setProperty("mail." + protocol + ".fetchsize", Integer.toString(1024 * 1024));
        }
        return p;
    }
}
