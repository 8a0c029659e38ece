package io.facteur.api;

import java.util.Locale;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Lays out an invoice that arrived as XML only (CII, UBL, ...) as a PDF a person can read, with
 * labels in a requested language. A rendering is a view for people: it is never archived, proven or
 * sent in place of the original, and the core may keep it to answer the next request at once.
 *
 * <p>A renderer is registered as a DS component with {@link Capability} of kind {@link
 * CapabilityKind#INVOICE_RENDERER}; the core asks the installed ones, in the order of their
 * capability ids, which {@link #renders renders} the syntax an {@link InvoiceReader} detected.
 */
@ConsumerType
public interface InvoiceRenderer {
    /**
     * Whether this renderer lays out invoice XML of that syntax.
     *
     * @param syntax the syntax and profile an {@link InvoiceReader} detected in the document
     */
    boolean renders(Syntax syntax);

    /**
     * Renders the invoice. Calls may be slow (seconds) and may come from several threads at once.
     * The XML is untrusted: an implementation bounds the size it accepts and refuses DTDs and
     * external resources.
     *
     * @param invoiceXml the invoice XML, as {@link InvoiceReader#invoiceXml} gave it
     * @param syntax the syntax detected in it, one this renderer {@link #renders}
     * @param locale the language of the labels; a language the renderer does not have is replaced
     *     by one it has, the same one every time
     * @return a PDF document: media type {@code application/pdf}, bytes starting with {@code %PDF-}
     * @throws UnreadableInvoiceException when this XML cannot be laid out (not well-formed, too
     *     large, not of a syntax this renderer knows), with a reason a user can act on
     */
    Document render(Document invoiceXml, Syntax syntax, Locale locale)
            throws UnreadableInvoiceException;
}
