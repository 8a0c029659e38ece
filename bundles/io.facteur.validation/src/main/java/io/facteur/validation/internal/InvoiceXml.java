package io.facteur.validation.internal;

import io.facteur.api.Document;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.SafeXml;

/**
 * The invoice XML of a document as received, parsed hardened: the document itself when it is XML,
 * the embedded invoice when it is a Factur-X / ZUGFeRD PDF.
 */
final class InvoiceXml {

    private final PdfInvoiceXml pdf = new PdfInvoiceXml();

    org.w3c.dom.Document read(Document original) throws InvoiceXmlException {
        byte[] content = original.content();
        if (content.length == 0) {
            throw new InvoiceXmlException("The document is empty");
        }
        try {
            return SafeXml.parse(PdfInvoiceXml.isPdf(content) ? pdf.extract(content) : content);
        } catch (UnreadableInvoiceException e) {
            throw new InvoiceXmlException(e.getMessage());
        }
    }
}
