package io.facteur.adapterkit;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.invoice.Invoice;
import java.util.List;

/**
 * Validates an adapted document, as the core does with every installed validator whose {@code
 * appliesTo} holds for the result's syntax and declared specification (BT-24). Pluggable, so that a
 * team whose class path cannot hold the project's validators can bring its own.
 */
@FunctionalInterface
public interface ValidationStep {
    /**
     * The reports of the rule sets that apply.
     *
     * @param adapted the adapter's result
     * @param copy the invoice read back from it
     * @param syntax its syntax id with the BT-24 it declares as profile
     */
    List<ValidationReport> validate(Document adapted, Invoice copy, Syntax syntax);

    /** No validation at all: only the business terms are checked. */
    static ValidationStep none() {
        return (adapted, copy, syntax) -> List.of();
    }
}
