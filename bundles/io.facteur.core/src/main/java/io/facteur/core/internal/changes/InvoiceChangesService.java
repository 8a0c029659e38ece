package io.facteur.core.internal.changes;

import io.facteur.api.InvoiceChanges;
import io.facteur.core.internal.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The feed of status changes, read from {@code invoice_change}. Sequence numbers are handed out
 * when a change is written, not when its transaction commits: a change can become visible after one
 * with a higher number. So the feed stops at the first gap in the numbers until the gap is older
 * than {@link #SETTLE}: by then the transaction that held it committed (and its row shows) or
 * rolled back (and the number is never used; so are numbers the database skips, e.g. after a
 * restart).
 */
@Component(service = InvoiceChanges.class)
public class InvoiceChangesService implements InvoiceChanges {
    /** Longer than any transaction that changes a status. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private static final int MAX = 1000;
    private final Database database;
    private final Duration settle;

    @Activate
    public InvoiceChangesService(@Reference Database database) {
        this(database, SETTLE);
    }

    /** Outside OSGi (tests): {@code settle} instead of {@link #SETTLE}. */
    public static InvoiceChangesService standalone(Database database, Duration settle) {
        return new InvoiceChangesService(database, settle);
    }

    private InvoiceChangesService(Database database, Duration settle) {
        this.database = database;
        this.settle = settle;
    }

    @Override
    public List<Change> after(long cursor, int max) {
        int limit = Math.max(1, Math.min(max, MAX));
        List<Change> out = new ArrayList<>();
        Instant settled = Instant.now().minus(settle);
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT ch.seq, i.dossier_id, ch.invoice_id, i.number, ch.status,"
                                        + " ch.reason, i.source_channel, i.source_detail, ch.changed_at"
                                        + " FROM invoice_change ch JOIN invoice i ON i.id = ch.invoice_id"
                                        + " WHERE ch.seq > ? ORDER BY ch.seq FETCH FIRST "
                                        + limit
                                        + " ROWS ONLY")) {
            ps.setLong(1, cursor);
            long expected = cursor + 1;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    Instant at = rs.getTimestamp(9).toInstant();
                    if (seq != expected && at.isAfter(settled)) {
                        break; // a number before it may still be in an open transaction
                    }
                    out.add(
                            new Change(
                                    seq,
                                    rs.getString(2),
                                    rs.getString(3),
                                    nonNull(rs.getString(4)),
                                    rs.getString(5),
                                    nonNull(rs.getString(6)),
                                    rs.getString(7),
                                    rs.getString(8),
                                    at));
                    expected = seq + 1;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot read the invoice changes: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public long head() {
        try (Connection c = database.connection();
                PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM invoice_change");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot read the invoice changes: " + e.getMessage(), e);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
