package io.facteur.invoicing.internal;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * A dossier's default payment term: N days, end of month, or N days then end of month.
 *
 * @param kind how the days count
 * @param days the number of days, 0 or more
 */
public record PaymentTerm(Kind kind, int days) {

    /** How a due date follows from an issue date. */
    public enum Kind {
        /** The issue date plus N days. */
        DAYS,
        /** The last day of the issue date's month plus N days ("fin de mois"). */
        END_OF_MONTH,
        /** The issue date plus N days, then the last day of that month ("N jours fin de mois"). */
        DAYS_END_OF_MONTH
    }

    public PaymentTerm {
        if (kind == null) {
            kind = Kind.DAYS;
        }
        if (days < 0 || days > 366) {
            throw new IllegalArgumentException("a payment term counts 0 to 366 days, not " + days);
        }
    }

    /** The due date of an invoice issued on that day. */
    public LocalDate dueDate(LocalDate issueDate) {
        return switch (kind) {
            case DAYS -> issueDate.plusDays(days);
            case END_OF_MONTH -> issueDate.with(TemporalAdjusters.lastDayOfMonth()).plusDays(days);
            case DAYS_END_OF_MONTH ->
                    issueDate.plusDays(days).with(TemporalAdjusters.lastDayOfMonth());
        };
    }
}
