package io.facteur.invoicing.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The numbering sequence of each dossier, one row of {@value InvoicingSchema#SEQUENCE}: its
 * pattern, whether it restarts each year, the next value and the year it counts in. Issuing locks
 * the row with an {@code UPDATE} (a row lock in Derby and PostgreSQL alike, held to the end of the
 * transaction), so that two issues in one dossier take their numbers one after the other and a
 * rolled-back issue gives its number back.
 */
public final class Sequences {

    /**
     * A dossier's numbering.
     *
     * @param pattern the number pattern ({@link Numbering})
     * @param yearlyReset true to restart at 1 with each new year (only when the pattern shows it)
     * @param nextValue the value the next number takes, unless the year changes first
     * @param year the year the sequence counts in
     */
    public record Settings(String pattern, boolean yearlyReset, long nextValue, int year) {}

    private final InvoicingDatabase database;
    private final Clock clock;

    public Sequences(InvoicingDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The dossier's numbering: the default pattern, restarting each year, until one is set. */
    public Settings settings(String dossier) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p =
                        c.prepareStatement(
                                "SELECT pattern, yearly_reset, next_value, seq_year FROM "
                                        + InvoicingSchema.SEQUENCE
                                        + " WHERE dossier = ?")) {
            p.setString(1, dossier);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return new Settings(
                            r.getString(1), r.getInt(2) != 0, r.getLong(3), r.getInt(4));
                }
            }
        }
        return new Settings(Numbering.DEFAULT_PATTERN, true, 1, LocalDate.now(clock).getYear());
    }

    /**
     * Sets the dossier's numbering.
     *
     * @param nextValue the value of the next number, or null to keep counting; never lower than the
     *     current one, so that no number is given twice
     * @param locale the language of the problems
     * @throws ProblemsException for a pattern {@link Numbering#check} refuses or a lower value
     */
    public Settings configure(
            String dossier, String pattern, boolean yearlyReset, Long nextValue, Locale locale)
            throws ProblemsException, SQLException {
        List<FieldProblem> problems = Numbering.check(pattern, locale);
        if (!problems.isEmpty()) {
            throw new ProblemsException(problems);
        }
        ensure(dossier);
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                lock(c, dossier);
                Settings current = read(c, dossier);
                long next = current.nextValue() - 1; // undo the lock's increment
                if (nextValue != null) {
                    ProblemList texts = new ProblemList(LocalizedTexts.of("Issuing", locale));
                    if (nextValue < 1) {
                        texts.add("/nextValue", "nextValue.positive");
                    } else if (nextValue < next) {
                        texts.add("/nextValue", "nextValue.lower", next);
                    }
                    if (texts.size() > 0) {
                        c.rollback();
                        throw new ProblemsException(texts.list());
                    }
                    next = nextValue;
                }
                try (PreparedStatement p =
                        c.prepareStatement(
                                "UPDATE "
                                        + InvoicingSchema.SEQUENCE
                                        + " SET pattern = ?, yearly_reset = ?, next_value = ?,"
                                        + " updated_at = ? WHERE dossier = ?")) {
                    p.setString(1, pattern);
                    p.setInt(2, yearlyReset ? 1 : 0);
                    p.setLong(3, next);
                    p.setTimestamp(4, Timestamp.from(clock.instant()));
                    p.setString(5, dossier);
                    p.executeUpdate();
                }
                c.commit();
                return new Settings(pattern, yearlyReset, next, current.year());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Creates the dossier's row with the default numbering when it has none. */
    void ensure(String dossier) throws SQLException {
        try (Connection c = database.connection()) {
            if (exists(c, dossier)) {
                return;
            }
            try (PreparedStatement p =
                    c.prepareStatement(
                            "INSERT INTO "
                                    + InvoicingSchema.SEQUENCE
                                    + " (dossier, pattern, yearly_reset, next_value, seq_year,"
                                    + " updated_at) VALUES (?, ?, 1, 1, ?, ?)")) {
                p.setString(1, dossier);
                p.setString(2, Numbering.DEFAULT_PATTERN);
                p.setInt(3, LocalDate.now(clock).getYear());
                p.setTimestamp(4, Timestamp.from(clock.instant()));
                p.executeUpdate();
            } catch (SQLException e) {
                // another thread or node inserted it meanwhile (SQLState 23505)
                if (!exists(c, dossier)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Locks the dossier's row for the rest of the transaction and reads it. The row must exist
     * ({@link #ensure}).
     */
    Locked lock(Connection c, String dossier) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "UPDATE "
                                + InvoicingSchema.SEQUENCE
                                + " SET next_value = next_value + 1 WHERE dossier = ?")) {
            p.setString(1, dossier);
            if (p.executeUpdate() != 1) {
                throw new SQLException("No numbering sequence for dossier " + dossier);
            }
        }
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT pattern, yearly_reset, next_value, seq_year, last_issue_date FROM "
                                + InvoicingSchema.SEQUENCE
                                + " WHERE dossier = ?")) {
            p.setString(1, dossier);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                Settings settings =
                        new Settings(r.getString(1), r.getInt(2) != 0, r.getLong(3), r.getInt(4));
                Date last = r.getDate(5);
                return new Locked(dossier, settings, last == null ? null : last.toLocalDate());
            }
        }
    }

    /**
     * A dossier's sequence row, locked by the current transaction.
     *
     * @param settings the row, its next value already incremented by the lock
     * @param lastIssueDate the issue date of the last number taken, null before the first
     */
    record Locked(String dossier, Settings settings, LocalDate lastIssueDate) {

        /** The day to issue on: today, or the last issue date if another node's clock is ahead. */
        LocalDate issueDate(LocalDate today) {
            return lastIssueDate != null && lastIssueDate.isAfter(today) ? lastIssueDate : today;
        }

        /** Takes the next number for that issue date and records it in the row. */
        String take(Connection c, LocalDate issueDate) throws SQLException {
            long value = settings.nextValue() - 1;
            if (settings.yearlyReset()
                    && Numbering.hasYear(settings.pattern())
                    && issueDate.getYear() != settings.year()) {
                value = 1;
            }
            try (PreparedStatement p =
                    c.prepareStatement(
                            "UPDATE "
                                    + InvoicingSchema.SEQUENCE
                                    + " SET next_value = ?, seq_year = ?, last_issue_date = ?"
                                    + " WHERE dossier = ?")) {
                p.setLong(1, value + 1);
                p.setInt(2, issueDate.getYear());
                p.setDate(3, Date.valueOf(issueDate));
                p.setString(4, dossier);
                p.executeUpdate();
            }
            return Numbering.format(settings.pattern(), value, issueDate);
        }
    }

    private static Settings read(Connection c, String dossier) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT pattern, yearly_reset, next_value, seq_year FROM "
                                + InvoicingSchema.SEQUENCE
                                + " WHERE dossier = ?")) {
            p.setString(1, dossier);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("No numbering sequence for dossier " + dossier);
                }
                return new Settings(r.getString(1), r.getInt(2) != 0, r.getLong(3), r.getInt(4));
            }
        }
    }

    private static boolean exists(Connection c, String dossier) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement(
                        "SELECT 1 FROM " + InvoicingSchema.SEQUENCE + " WHERE dossier = ?")) {
            p.setString(1, dossier);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }
}
