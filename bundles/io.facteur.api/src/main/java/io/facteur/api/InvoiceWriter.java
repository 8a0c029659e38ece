package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import java.util.Locale;
import org.osgi.annotation.versioning.ConsumerType;

/** Writes the semantic {@link Invoice} in one syntax (Factur-X PDF, CII, UBL, ...). */
@ConsumerType
public interface InvoiceWriter {
    /** The syntax id this writer produces, such as {@code factur-x} or {@code ubl}. */
    String syntax();

    /**
     * Writes the invoice; every business term of the record must be found again when the result is
     * read back.
     *
     * @param invoice the invoice
     * @param locale the language of any human-readable rendering
     */
    Document write(Invoice invoice, Locale locale) throws UnreadableInvoiceException;
}
