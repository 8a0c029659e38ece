package io.facteur.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes a hybrid invoice (Factur-X, ZUGFeRD) of a PDF a person reads and the invoice XML it shows:
 * a PDF/A-3 that carries the XML, byte for byte, as its associated file, with the XMP that names
 * the profile the XML's specification identifier (BT-24) declares. Capabilities that lay out
 * invoices of their own (online invoicing) use it, so that one bundle holds the PDF/A and Factur-X
 * knowledge.
 */
@ConsumerType
public interface PdfInvoiceEmbedder {
    /**
     * Embeds the XML in the PDF.
     *
     * @param pdf a PDF with every font embedded, no transparency and an sRGB output intent (what
     *     PDF/A-3 needs of its pages)
     * @param invoiceXml CII XML whose BT-24 names a Factur-X profile
     * @return the PDF/A-3, media type {@code application/pdf}, named after the XML's file name
     * @throws UnreadableInvoiceException when the XML is not CII, names no Factur-X profile, or the
     *     PDF cannot be made PDF/A-3, with the reason
     */
    Document embed(Document pdf, Document invoiceXml) throws UnreadableInvoiceException;
}
