package io.facteur.core.internal.pipeline;

import io.facteur.core.internal.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's persistent queue: one row per step to run. Jobs are claimed with a lease (so that
 * several nodes sharing a database run each once), retried with exponential backoff, parked while
 * the capability they need is missing, and kept with their reason when they die.
 */
public final class JobQueue {
    /** Job states. */
    public enum State {
        PENDING,
        RUNNING,
        WAITING,
        DONE,
        DEAD
    }

    /**
     * A claimed job.
     *
     * @param id the job id
     * @param invoiceId the invoice it works on
     * @param step the step to run
     * @param attempts how many times it was tried before this run
     * @param ref what the step works on within the invoice (a delivery id), null when nothing more
     */
    public record Job(long id, String invoiceId, String step, int attempts, String ref) {
        public Job(long id, String invoiceId, String step, int attempts) {
            this(id, invoiceId, step, attempts, null);
        }
    }

    private final Database database;
    private volatile Runnable listener = () -> {};

    public JobQueue(Database database) {
        this.database = database;
    }

    /**
     * Who runs the queue (the pipeline) asks to hear of new work at once rather than at its next
     * poll; {@code null} stops it.
     */
    public void onEnqueued(Runnable listener) {
        this.listener = listener == null ? () -> {} : listener;
    }

    /** Tells the pipeline that a transaction that enqueued work has committed. */
    public void enqueued() {
        listener.run();
    }

    /** Adds a step to run now, within the caller's transaction. */
    public void enqueue(Connection c, String invoiceId, String step) throws SQLException {
        enqueue(c, invoiceId, step, null);
    }

    /** Adds a step that works on {@code ref} within the invoice, to run now. */
    public void enqueue(Connection c, String invoiceId, String step, String ref)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO job (invoice_id, step, state, attempts, run_after, ref) VALUES (?,?,?,0,?,?)")) {
            ps.setString(1, invoiceId);
            ps.setString(2, step);
            ps.setString(3, State.PENDING.name());
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.setString(5, ref);
            ps.executeUpdate();
        }
    }

    /**
     * Adds a step that the calling worker runs itself right after its transaction commits: the row
     * is written already claimed, so a crash before it runs leaves it to the lease recovery.
     */
    public Job enqueueClaimed(Connection c, String invoiceId, String step, Duration lease)
            throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO job (invoice_id, step, state, attempts, run_after, lease_until)"
                                + " VALUES (?,?,?,0,?,?)",
                        java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, invoiceId);
            ps.setString(2, step);
            ps.setString(3, State.RUNNING.name());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now.plus(lease)));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new Job(keys.getLong(1), invoiceId, step, 0);
            }
        }
    }

    /**
     * Claims up to {@code max} due jobs for {@code lease}, oldest first, with one commit for all of
     * them. Only the claiming thread scans the due rows, and workers never wait on it, so claims
     * cannot deadlock with the steps' transactions.
     */
    public List<Job> claim(int max, Duration lease) throws SQLException {
        List<Job> due = new ArrayList<>();
        Instant now = Instant.now();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, invoice_id, step, attempts, ref FROM job WHERE state = ? AND run_after <= ?"
                                        + " ORDER BY id FETCH FIRST "
                                        + max
                                        + " ROWS ONLY")) {
                    ps.setString(1, State.PENDING.name());
                    ps.setTimestamp(2, Timestamp.from(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            due.add(
                                    new Job(
                                            rs.getLong(1),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getInt(4),
                                            rs.getString(5)));
                        }
                    }
                }
                List<Job> claimed = new ArrayList<>();
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE job SET state = ?, lease_until = ? WHERE id = ? AND state = ?")) {
                    for (Job job : due) {
                        ps.setString(1, State.RUNNING.name());
                        ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
                        ps.setLong(3, job.id());
                        ps.setString(4, State.PENDING.name());
                        if (ps.executeUpdate() == 1) {
                            claimed.add(job);
                        }
                    }
                }
                c.commit();
                return claimed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Marks a job done, within the caller's transaction. */
    public void done(Connection c, long id) throws SQLException {
        set(c, id, State.DONE, null, Instant.now(), false);
    }

    /** Parks a job at {@code step} until the capability it needs arrives. */
    public void park(Connection c, long id, String step, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE job SET step = ? WHERE id = ?")) {
            ps.setString(1, step);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        set(c, id, State.WAITING, reason, Instant.now(), false);
    }

    /** Runs a job again after a delay. */
    public void retry(Connection c, long id, String error, Duration delay) throws SQLException {
        set(c, id, State.PENDING, error, Instant.now().plus(delay), true);
    }

    /** Gives a job up, keeping the reason. */
    public void dead(Connection c, long id, String error) throws SQLException {
        set(c, id, State.DEAD, error, Instant.now(), true);
    }

    /** Wakes the parked jobs of a step (its capability arrived). Returns how many. */
    public int wake(String step) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE job SET state = ?, run_after = ? WHERE state = ? AND step = ?")) {
            ps.setString(1, State.PENDING.name());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, State.WAITING.name());
            ps.setString(4, step);
            return ps.executeUpdate();
        }
    }

    /** Returns jobs whose lease ran out (their node stopped) to the queue. Returns how many. */
    public int recoverExpired() throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE job SET state = ? WHERE state = ? AND lease_until < ?")) {
            ps.setString(1, State.PENDING.name());
            ps.setString(2, State.RUNNING.name());
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            return ps.executeUpdate();
        }
    }

    /**
     * Returns every running job to the queue: on a single node, at start, they are the ones a stop
     * or a crash interrupted. Returns how many.
     */
    public int releaseRunning() throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE job SET state = ? WHERE state = ?")) {
            ps.setString(1, State.PENDING.name());
            ps.setString(2, State.RUNNING.name());
            return ps.executeUpdate();
        }
    }

    /** Returns a claimed job that will not run here to the queue. */
    public void release(long id) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE job SET state = ?, lease_until = NULL WHERE id = ? AND state = ?")) {
            ps.setString(1, State.PENDING.name());
            ps.setLong(2, id);
            ps.setString(3, State.RUNNING.name());
            ps.executeUpdate();
        }
    }

    /** Counts jobs by state, for health and tests. */
    public int count(State state) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM job WHERE state = ?")) {
            ps.setString(1, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void set(
            Connection c, long id, State state, String error, Instant runAfter, boolean attempted)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE job SET state = ?, last_error = ?, run_after = ?, lease_until = NULL,"
                                + " attempts = attempts + ? WHERE id = ?")) {
            ps.setString(1, state.name());
            ps.setString(
                    2, error == null || error.length() <= 2000 ? error : error.substring(0, 2000));
            ps.setTimestamp(3, Timestamp.from(runAfter));
            ps.setInt(4, attempted ? 1 : 0);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }
}
