package io.facteur.api;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way documents come into a dossier's inbox (upload page, IMAP mailbox, invoicing-software API).
 * The channel hands what it receives to the {@link Inbox}; this interface lets the platform check
 * its connection before it is switched on for a dossier.
 */
@ConsumerType
public interface ImportChannel {
    /**
     * Checks the channel with one dossier's settings without importing anything.
     *
     * @param dossier the dossier id
     * @param settings the dossier's settings of this capability
     */
    ConnectionTest test(String dossier, Map<String, Object> settings);
}
