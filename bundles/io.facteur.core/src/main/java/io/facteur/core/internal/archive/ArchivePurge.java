package io.facteur.core.internal.archive;

import io.facteur.api.Archive;
import io.facteur.api.DuplicateCheck;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.Message;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purge of a dossier's archive at the end of the retention, an explicit admin action (REST,
 * shell), never automatic: the archive deletes only what its retention allows and journals each
 * deletion; here each purged invoice's timeline says who purged it, and the duplicate check forgets
 * it.
 */
@Component(service = ArchivePurge.class)
public class ArchivePurge {
    /** The timeline step of a purge. */
    public static final String STEP = "archive";

    private final Logger logger = LoggerFactory.getLogger(ArchivePurge.class);
    private final InboxService inbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Archive archive;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DuplicateCheck duplicates;

    @Activate
    public ArchivePurge(@Reference InboxService inbox) {
        this.inbox = inbox;
    }

    /** True when an archive is installed. */
    public boolean available() {
        return archive != null;
    }

    /**
     * Purges what the retention allows.
     *
     * @param by the admin who asked
     * @return the ids of the purged invoices
     * @throws IllegalStateException when no archive is installed
     */
    public List<String> purge(String dossier, String by) throws SQLException {
        Archive current = archive;
        if (current == null) {
            throw new IllegalStateException("No archive is installed");
        }
        List<String> purged = current.purge(dossier, LocalDate.now());
        logger.info("{} purged {} archived invoice(s) of {}", by, purged.size(), dossier);
        if (purged.isEmpty()) {
            return purged;
        }
        try (Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            for (String id : purged) {
                if (inbox.invoices().find(c, id).isPresent()) {
                    inbox.invoices().event(c, id, STEP, "purged", Message.of("archive.purged", by));
                }
            }
            c.commit();
        }
        DuplicateCheck check = duplicates;
        if (check != null) {
            for (String id : purged) {
                check.forget(dossier, id);
            }
        }
        return purged;
    }
}
