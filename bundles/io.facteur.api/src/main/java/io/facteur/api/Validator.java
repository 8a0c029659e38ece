package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import org.osgi.annotation.versioning.ConsumerType;

/** A rule set (EN 16931, XRechnung, French CTC, Peppol BIS) applied to a document as read. */
@ConsumerType
public interface Validator {
    /** Whether this rule set applies to the document (its syntax and declared specification). */
    boolean appliesTo(Syntax syntax);

    /**
     * Applies the rules.
     *
     * @param original the bytes as received
     * @param invoice the invoice read from them
     */
    ValidationReport validate(Document original, Invoice invoice);
}
