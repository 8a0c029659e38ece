package io.facteur.api;

import io.facteur.api.invoice.Invoice;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads one syntax (Factur-X PDF, CII, UBL, ...) into the semantic {@link Invoice}. Detection is by
 * content, never by file name.
 */
@ConsumerType
public interface InvoiceReader {
    /**
     * Says whether this reader understands the document, and as what.
     *
     * @return the syntax and profile found, or empty when the document is not of this reader's
     *     syntax
     */
    Optional<Syntax> detect(Document document);

    /**
     * Reads the business terms the document declares.
     *
     * @throws UnreadableInvoiceException with a reason a user can act on
     */
    Invoice read(Document document) throws UnreadableInvoiceException;

    /**
     * The invoice XML the document carries: the document itself for an XML syntax, the embedded
     * file for a hybrid PDF. By default the document itself when it is XML.
     *
     * @return the XML, or empty when the document carries none
     */
    default Optional<byte[]> invoiceXml(Document document) {
        return io.facteur.api.xml.XmlHead.read(document.content(), null, "-").isPresent()
                ? Optional.of(document.content())
                : Optional.empty();
    }
}
