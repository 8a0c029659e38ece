package io.facteur.invoicing.internal;

import io.facteur.api.Archive;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.ValidationReport;
import io.facteur.api.Validator;
import io.facteur.api.invoice.Invoice;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Facteur's path for one invoice, as issuing and then the pipeline run it (without the database and
 * the inbox): totals, the CII and the PDF pages, the Factur-X by the platform's embedder; detect
 * and read by the project's readers; the project's validators that apply (EN 16931 CII, the
 * Factur-X profile, PDF/A by veraPDF); the legal archive's store. Times each part.
 */
final class FacteurIssue {

    /** Nanoseconds spent in each part, summed. */
    long render;

    long read;
    long validate;
    long archive;

    /** Nanoseconds per validator (its rule set's name), summed. */
    final java.util.Map<String, Long> byValidator = new java.util.TreeMap<>();

    private final InvoiceFiles files;
    private final List<InvoiceReader> readers;
    private final List<Validator> validators;
    private final Archive store;

    FacteurIssue(
            PdfInvoiceEmbedder embedder,
            List<InvoiceReader> readers,
            List<Validator> validators,
            Archive store) {
        this.files = new InvoiceFiles(embedder);
        this.readers = readers;
        this.validators = validators;
        this.store = store;
    }

    /** Issues, validates and archives that sample under that number; fails on any error. */
    Document issue(BenchDrafts.Sample sample, String number, String archiveId)
            throws UnreadableInvoiceException {
        long t0 = System.nanoTime();
        Draft draft = sample.draft();
        IssuedInvoice issued =
                new IssuedInvoice(
                        "bench",
                        number,
                        draft.issueDate(),
                        draft.dueDate(),
                        draft.language(),
                        sample.seller(),
                        draft,
                        InvoiceCalculator.totals(draft, draft.language()));
        Document facturX = files.facturX(issued, Instant.parse("2026-03-12T10:00:00Z"));
        long t1 = System.nanoTime();
        Syntax syntax = null;
        InvoiceReader reader = null;
        for (InvoiceReader candidate : readers) {
            Optional<Syntax> detected = candidate.detect(facturX);
            if (detected.isPresent()) {
                syntax = detected.get();
                reader = candidate;
                break;
            }
        }
        if (reader == null || !"FACTUR_X".equals(syntax.syntax())) {
            throw new IllegalStateException(number + " detected as " + syntax);
        }
        Invoice invoice = reader.read(facturX);
        long t2 = System.nanoTime();
        for (Validator validator : validators) {
            if (validator.appliesTo(syntax)) {
                long v0 = System.nanoTime();
                ValidationReport report = validator.validate(facturX, invoice);
                byValidator.merge(report.ruleSet(), System.nanoTime() - v0, Long::sum);
                if (!report.valid()) {
                    throw new IllegalStateException(
                            number + " invalid under " + report.ruleSet() + ": " + report);
                }
            }
        }
        long t3 = System.nanoTime();
        store.store("bench", archiveId, facturX, LocalDate.of(2037, 12, 31));
        long t4 = System.nanoTime();
        render += t1 - t0;
        read += t2 - t1;
        validate += t3 - t2;
        archive += t4 - t3;
        return facturX;
    }
}
