package io.facteur.core.internal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.facteur.api.ValidationReport;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.InvoiceLine;
import io.facteur.api.invoice.Party;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.TimelineEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An invoice as the REST API shows it: what was received, what was read, what was found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceView(
        String id,
        String status,
        String reason,
        String fileName,
        long size,
        Instant receivedAt,
        String source,
        String format,
        String profile,
        String number,
        String typeCode,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        PartyView seller,
        PartyView buyer,
        Totals totals,
        Lines lines,
        Validation validation,
        List<Event> timeline,
        String customerId) {

    /** The same view, naming the customer of its buyer in the dossier's directory. */
    InvoiceView withCustomer(String customer) {
        return new InvoiceView(
                id,
                status,
                reason,
                fileName,
                size,
                receivedAt,
                source,
                format,
                profile,
                number,
                typeCode,
                issueDate,
                dueDate,
                currency,
                seller,
                buyer,
                totals,
                lines,
                validation,
                timeline,
                customer);
    }

    /**
     * One step of the timeline, said in the request's language.
     *
     * @param at when
     * @param step what (received, detect, read, validate, ...)
     * @param outcome ok, waiting, retry, rejected, failed, invalid
     * @param detail what happened
     */
    public record Event(java.time.Instant at, String step, String outcome, String detail) {}

    /** A seller or buyer. */
    public record PartyView(String name, String vatId, String legalId, String country) {
        static PartyView of(Party p) {
            return p == null
                    ? null
                    : new PartyView(
                            p.name(),
                            p.vatId(),
                            p.legalRegistrationId(),
                            p.address() == null ? null : p.address().countryCode());
        }
    }

    /** BT-106, BT-109, BT-110, BT-112, BT-115 as declared. */
    public record Totals(
            BigDecimal lineTotal,
            BigDecimal taxBasisTotal,
            BigDecimal taxTotal,
            BigDecimal grandTotal,
            BigDecimal payable) {}

    /** The invoice lines. */
    public record Lines(int count, List<InvoiceLine> items) {}

    /** The validation report in short and in full. */
    public record Validation(
            String ruleSets, long errors, long warnings, List<ValidationReport.Finding> findings) {
        static Validation of(ValidationReport r) {
            return r == null
                    ? null
                    : new Validation(
                            r.ruleSet(),
                            count(r, ValidationReport.Severity.ERROR),
                            count(r, ValidationReport.Severity.WARNING),
                            r.findings());
        }

        private static long count(ValidationReport r, ValidationReport.Severity s) {
            return r.findings().stream().filter(f -> f.severity() == s).count();
        }
    }

    /** The summary shown in lists. */
    static InvoiceView summary(InvoiceRow r) {
        return new InvoiceView(
                r.id(),
                r.status().name(),
                r.reason(),
                r.fileName(),
                r.size(),
                r.receivedAt(),
                r.sourceChannel(),
                r.format(),
                r.profile(),
                r.number(),
                r.typeCode(),
                r.issueDate(),
                r.dueDate(),
                r.currency(),
                r.sellerName() == null ? null : new PartyView(r.sellerName(), null, null, null),
                r.buyerName() == null ? null : new PartyView(r.buyerName(), null, null, null),
                r.payable() == null ? null : new Totals(null, null, null, null, r.payable()),
                null,
                null,
                null,
                null);
    }

    /** The whole view, its timeline and reason in {@code locale}'s language. */
    static InvoiceView detail(
            InvoiceRow r,
            Invoice inv,
            ValidationReport report,
            List<TimelineEvent> timeline,
            java.util.Locale locale) {
        List<Event> events =
                timeline.stream()
                        .map(e -> new Event(e.at(), e.step(), e.outcome(), e.detail(locale)))
                        .toList();
        // the status's reason is what its last rejecting, invalidating or failing event said
        String reason = r.reason();
        if (reason != null) {
            for (int i = timeline.size() - 1; i >= 0; i--) {
                TimelineEvent e = timeline.get(i);
                if (java.util.Set.of("rejected", "invalid", "failed", "duplicate")
                        .contains(e.outcome())) {
                    reason = e.detail(locale);
                    break;
                }
            }
        }
        Totals totals =
                inv == null || inv.totals() == null
                        ? null
                        : new Totals(
                                inv.totals().lineTotal(),
                                inv.totals().taxExclusive(),
                                inv.totals().taxTotal(),
                                inv.totals().taxInclusive(),
                                inv.totals().payable());
        return new InvoiceView(
                r.id(),
                r.status().name(),
                reason,
                r.fileName(),
                r.size(),
                r.receivedAt(),
                r.sourceChannel(),
                r.format(),
                r.profile(),
                r.number(),
                r.typeCode(),
                r.issueDate(),
                r.dueDate(),
                r.currency(),
                inv == null ? null : PartyView.of(inv.seller()),
                inv == null ? null : PartyView.of(inv.buyer()),
                totals,
                inv == null ? null : new Lines(inv.lines().size(), inv.lines()),
                Validation.of(report),
                events,
                null);
    }
}
