package io.facteur.format.mustang.internal;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.SafeXml;
import io.facteur.api.xml.XmlHead;
import java.io.IOException;
import org.mustangproject.ZUGFeRD.Profile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * What the Factur-X writer (pages laid out here) and the embedder (pages a capability laid out)
 * share: which CII may go into a Factur-X PDF and with which profile, and the embedding itself, run
 * with this bundle's class loader as thread context class loader (STACK.md trap 3: Mustang loads
 * the sRGB profile through it and would otherwise silently write a PDF that is no PDF/A-3).
 */
final class FacturXAssembly {

    /** Larger PDFs are refused: the embedding holds the PDF and its copy in memory. */
    static final int MAX_PDF_BYTES = 32 * 1024 * 1024;

    private static final Logger LOGGER = LoggerFactory.getLogger(FacturXAssembly.class);
    private static final int MB = 1024 * 1024;

    private FacturXAssembly() {}

    /**
     * A CII that may go into a Factur-X PDF.
     *
     * @param dom the parsed XML
     * @param profile the Factur-X profile its BT-24 names
     */
    record FacturXCii(org.w3c.dom.Document dom, Profile profile) {}

    /**
     * Checks the XML: at most {@link InvoiceVisualization#MAX_XML_BYTES}, safe to parse, a CII
     * CrossIndustryInvoice whose BT-24 names a Factur-X profile ({@link FacturXConformance}).
     */
    static FacturXCii checked(byte[] xml) throws UnreadableInvoiceException {
        if (xml.length > InvoiceVisualization.MAX_XML_BYTES) {
            throw new UnreadableInvoiceException(
                    "This invoice XML is too large to be made Factur-X ("
                            + xml.length / MB
                            + " MB, at most "
                            + InvoiceVisualization.MAX_XML_BYTES / MB
                            + " MB)");
        }
        org.w3c.dom.Document dom = SafeXml.parse(xml);
        Element root = dom.getDocumentElement();
        if (!CiiInvoiceMapper.CII_NAMESPACE.equals(root.getNamespaceURI())
                || !"CrossIndustryInvoice".equals(root.getLocalName())) {
            throw new UnreadableInvoiceException(
                    "This XML is not a CII CrossIndustryInvoice (its root is "
                            + shortened(String.valueOf(root.getLocalName()))
                            + "): it cannot be made Factur-X");
        }
        String specification =
                XmlHead.read(xml, "GuidelineSpecifiedDocumentContextParameter", "ID")
                        .map(XmlHead::profile)
                        .orElse("");
        Profile profile =
                FacturXConformance.of(specification)
                        .orElseThrow(
                                () ->
                                        new UnreadableInvoiceException(
                                                "This CII invoice declares the specification"
                                                        + " identifier '"
                                                        + shortened(specification)
                                                        + "' (BT-24), which names no Factur-X"
                                                        + " profile: it cannot be made"
                                                        + " Factur-X"));
        return new FacturXCii(dom, profile);
    }

    /**
     * The PDF/A-3 with the XML embedded as {@code factur-x.xml} and the Factur-X XMP.
     *
     * @param pdf a PDF whose pages meet PDF/A-3 (fonts embedded, no transparency)
     * @param xml the invoice XML, embedded byte for byte
     * @param profile its profile ({@link #checked})
     */
    static byte[] embedded(byte[] pdf, byte[] xml, Profile profile)
            throws UnreadableInvoiceException {
        if (pdf.length > MAX_PDF_BYTES) {
            throw new UnreadableInvoiceException(
                    "This PDF is too large to carry a Factur-X invoice ("
                            + pdf.length / MB
                            + " MB, at most "
                            + MAX_PDF_BYTES / MB
                            + " MB)");
        }
        if (!PdfMagic.isPdf(pdf)) {
            throw new UnreadableInvoiceException(
                    "This file is not a PDF: the invoice XML can only be embedded in a PDF");
        }
        // Mustang loads the sRGB profile and its XMP parts through the context class loader
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(FacturXAssembly.class.getClassLoader());
        FacturXEmbedding embedding = new FacturXEmbedding(profile);
        try {
            try {
                embedding.open(pdf);
            } catch (IOException | RuntimeException e) {
                LOGGER.debug("PDF to embed Factur-X in not opened", e);
                throw new UnreadableInvoiceException(
                        "This PDF is truncated or damaged: it cannot be opened to embed the invoice"
                                + " XML",
                        e);
            }
            if (embedding.encrypted()) {
                throw new UnreadableInvoiceException(
                        "This PDF is encrypted, which PDF/A-3 forbids: the invoice XML cannot be"
                                + " embedded in it");
            }
            return embedding.embed(xml);
        } catch (IOException | RuntimeException e) {
            LOGGER.debug("Factur-X embedding failed", e);
            throw new UnreadableInvoiceException(
                    "The invoice XML cannot be embedded in its PDF/A-3: " + e.getMessage(), e);
        } finally {
            close(embedding);
            thread.setContextClassLoader(previous);
        }
    }

    private static void close(FacturXEmbedding embedding) {
        try {
            embedding.close();
        } catch (IOException e) {
            LOGGER.debug("PDF not closed", e);
        }
    }

    private static String shortened(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
