package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import java.util.Locale;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes an invoice in one syntax (Factur-X PDF, CII, UBL, ...) from its invoice XML in another,
 * for a receiver that wants that syntax. Registered with the {@link Capability} properties, kind
 * {@link CapabilityKind#INVOICE_WRITER}; its {@link Capability#LABEL} names the format for users.
 *
 * <p>A writer converts, it never invents: every business term of the source must be found again
 * when the result is read back. The core checks that by reading the result with the installed
 * readers and refuses a result whose business terms differ from the source's.
 */
@ConsumerType
public interface InvoiceWriter {
    /**
     * The syntax id this writer produces, as readers report it in {@link Syntax#syntax()}: {@code
     * FACTUR_X}, {@code CII}, {@code UBL}. It is also the format id users choose.
     */
    String syntax();

    /** The media type of what it writes, such as {@code application/xml}. */
    String mediaType();

    /** The file extension of what it writes, without dot, such as {@code xml} or {@code pdf}. */
    String extension();

    /**
     * Whether it can write from invoice XML of that syntax.
     *
     * @param sourceSyntax the syntax id of the invoice XML ({@code CII}, {@code UBL})
     */
    boolean accepts(String sourceSyntax);

    /**
     * Writes the invoice.
     *
     * @param invoiceXml the invoice XML (the XML embedded in a hybrid PDF, or the XML document)
     * @param sourceSyntax its syntax id, one this writer {@link #accepts}
     * @param invoice the invoice as read from it, for what a writer lays out (a PDF view)
     * @param locale the language of any human-readable rendering
     * @throws UnreadableInvoiceException when the source cannot be written in this syntax, with the
     *     reason (a business term the target cannot carry)
     */
    Document write(Document invoiceXml, String sourceSyntax, Invoice invoice, Locale locale)
            throws UnreadableInvoiceException;
}
