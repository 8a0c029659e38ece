package io.facteur.duplicates.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.DuplicateCheck;
import io.facteur.api.invoice.Invoice;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duplicate check on an index table in the platform's database: two index lookups per invoice,
 * then one row recorded, so that its cost does not grow with the number of invoices.
 */
@Component(
        service = DuplicateCheck.class,
        configurationPid = DuplicateSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DuplicateSettings.class)
@Capability(
        capability = "duplicates",
        kind = CapabilityKind.DUPLICATE_CHECK,
        label = "Duplicate check")
public class IndexedDuplicateCheck implements DuplicateCheck {
    /** Longest dossier or document id indexed (the columns' size). */
    static final int MAX_ID = 128;

    /** Tries of one check when the database reports a transient conflict. */
    static final int ATTEMPTS = 10;

    private final Logger logger = LoggerFactory.getLogger(IndexedDuplicateCheck.class);
    private final DataSource dataSource;
    private final int windowDays;
    private final int maxMatches;
    private final Verdicts verdicts = new Verdicts(Messages.of(Locale.ENGLISH));

    /** Creates the index table when missing. */
    @Activate
    public IndexedDuplicateCheck(
            @Reference(target = "(dataSourceName=facteur)", name = "dataSource")
                    DataSource dataSource,
            DuplicateSettings settings)
            throws SQLException {
        this(dataSource, settings.windowDays(), settings.maxMatches());
    }

    IndexedDuplicateCheck(DataSource dataSource, int windowDays, int maxMatches)
            throws SQLException {
        this.dataSource = dataSource;
        this.windowDays = Math.max(0, Math.min(31, windowDays));
        this.maxMatches = Math.max(1, Math.min(100, maxMatches));
        try (Connection c = dataSource.getConnection()) {
            DuplicateIndex.create(c);
        }
    }

    @Override
    public DuplicateVerdict check(String dossier, String documentId, Invoice invoice) {
        checkId("dossier", dossier);
        checkId("documentId", documentId);
        Objects.requireNonNull(invoice, "invoice");
        IndexKeys keys = IndexKeys.of(invoice);
        if (!keys.comparable()) {
            return verdicts.notComparable();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return checkOnce(dossier, documentId, keys);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw new IllegalStateException(
                            "Duplicate check of " + documentId + " failed: " + e.getMessage(), e);
                }
                logger.debug("Duplicate check of {}: {}, tried again", documentId, e.getMessage());
                pause(attempt);
            }
        }
    }

    /**
     * Checks of the same dossier and seller are serialised on this node: a row's sequence number is
     * allocated before its insert commits, so two twins checked at the same instant could each miss
     * the other. Lock striping keeps unrelated sellers parallel. (Several nodes on one database
     * keep that window; see the README.)
     */
    private final Object[] stripes = newStripes(64);

    private static Object[] newStripes(int n) {
        Object[] locks = new Object[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    private DuplicateVerdict checkOnce(String dossier, String documentId, IndexKeys keys)
            throws SQLException {
        Object stripe =
                stripes[Math.floorMod((dossier + "|" + keys.seller()).hashCode(), stripes.length)];
        synchronized (stripe) {
            return checkLocked(dossier, documentId, keys);
        }
    }

    private DuplicateVerdict checkLocked(String dossier, String documentId, IndexKeys keys)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            // recorded first, then compared with what came before it: a second check of the
            // same document gives the same verdict, and of two twins checked at once the later
            // one sees the earlier
            long seq = DuplicateIndex.record(c, dossier, documentId, keys);
            List<DuplicateIndex.Row> sameNumber =
                    DuplicateIndex.sameNumber(c, dossier, keys, seq, maxMatches);
            List<DuplicateIndex.Row> sameAmount =
                    DuplicateIndex.sameAmount(c, dossier, keys, windowDays, seq, maxMatches);
            return verdicts.judge(keys, sameNumber, sameAmount, maxMatches);
        }
    }

    /**
     * Lock timeout (Derby's identity generator gives up at once when workers insert together),
     * deadlock or serialization failure: the check, idempotent, can simply run again.
     */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40XL1".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Duplicate check interrupted", e);
        }
    }

    @Override
    public void forget(String dossier, String documentId) {
        checkId("dossier", dossier);
        checkId("documentId", documentId);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (DuplicateIndex.forget(c, dossier, documentId)) {
                logger.info("Duplicate index: {} of dossier {} forgotten", documentId, dossier);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot forget " + documentId + " in the duplicate index: " + e.getMessage(),
                    e);
        }
    }

    private static void checkId(String what, String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            throw new IllegalArgumentException(what + " must have 1 to " + MAX_ID + " characters");
        }
    }
}
