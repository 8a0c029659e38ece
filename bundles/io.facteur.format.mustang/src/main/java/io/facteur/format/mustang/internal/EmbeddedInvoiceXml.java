package io.facteur.format.mustang.internal;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.mustangproject.ZUGFeRD.ZUGFeRDInvoiceImporter;

/**
 * Takes the invoice XML out of a Factur-X / ZUGFeRD PDF with Mustang, which knows the attachment
 * names of every version (factur-x.xml, zugferd-invoice.xml, ZUGFeRD-invoice.xml, xrechnung.xml).
 * Mustang's own invoice model is not used: it recomputes totals and VAT, while Facteur reads what
 * the document declares.
 */
final class EmbeddedInvoiceXml extends ZUGFeRDInvoiceImporter {

    private EmbeddedInvoiceXml() {
        parseAutomatically = false;
    }

    /**
     * The result of looking into a PDF.
     *
     * @param xml the embedded invoice XML, empty when none was found
     * @param otherXmlAttached whether some XML is attached under a name that is not an invoice's
     */
    record Extraction(Optional<byte[]> xml, boolean otherXmlAttached) {}

    /**
     * Looks for the embedded invoice. Mustang is called with this bundle's class loader as the
     * thread context class loader, since it loads resources through it.
     */
    static Extraction extract(byte[] pdf) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EmbeddedInvoiceXml.class.getClassLoader());
        try {
            EmbeddedInvoiceXml importer = new EmbeddedInvoiceXml();
            importer.setInputStream(new ByteArrayInputStream(pdf));
            return new Extraction(
                    Optional.ofNullable(importer.rawXML), importer.hasXMLFileAttachment());
        } catch (RuntimeException e) {
            return new Extraction(Optional.empty(), false);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Keeps the bytes only: the caller parses them with its hardened parser. */
    @Override
    public void setRawXML(byte[] xml) {
        this.rawXML = xml;
        this.containsMeta = true;
    }
}
