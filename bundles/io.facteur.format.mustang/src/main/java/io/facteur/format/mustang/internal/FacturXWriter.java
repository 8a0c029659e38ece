package io.facteur.format.mustang.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.SafeXml;
import io.facteur.api.xml.XmlHead;
import io.facteur.format.mustang.internal.VisualizationStylesheets.Input;
import java.io.IOException;
import java.util.Locale;
import org.mustangproject.ZUGFeRD.Profile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes CII invoices as Factur-X: a PDF/A-3 whose pages show the invoice (the XRechnung
 * visualization, in French, English or German) and which carries the CII, unchanged, as {@code
 * factur-x.xml}, with the profile its specification identifier (BT-24) names.
 */
@Component(service = InvoiceWriter.class)
@Capability(
        capability = "writer.facturx",
        kind = CapabilityKind.INVOICE_WRITER,
        label = "Factur-X (PDF/A-3 with CII)")
public class FacturXWriter implements InvoiceWriter {

    private final Logger logger = LoggerFactory.getLogger(FacturXWriter.class);
    private final InvoiceVisualization visualization;

    @Activate
    public FacturXWriter(@Reference InvoiceVisualization visualization) {
        this.visualization = visualization;
    }

    @Override
    public String syntax() {
        return FacturXReader.FACTUR_X;
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public String extension() {
        return "pdf";
    }

    @Override
    public boolean accepts(String sourceSyntax) {
        return CiiReader.SYNTAX.equals(sourceSyntax);
    }

    @Override
    public Document write(Document invoiceXml, String sourceSyntax, Invoice invoice, Locale locale)
            throws UnreadableInvoiceException {
        if (!accepts(sourceSyntax)) {
            throw new UnreadableInvoiceException(
                    "Factur-X can only be written from CII invoice XML, not from " + sourceSyntax);
        }
        byte[] xml = invoiceXml.content();
        if (xml.length > InvoiceVisualization.MAX_XML_BYTES) {
            throw new UnreadableInvoiceException(
                    "This invoice XML is too large to be written as Factur-X ("
                            + xml.length / (1024 * 1024)
                            + " MB, at most "
                            + InvoiceVisualization.MAX_XML_BYTES / (1024 * 1024)
                            + " MB)");
        }
        org.w3c.dom.Document dom = SafeXml.parse(xml);
        if (InvoiceVisualization.input(dom.getDocumentElement()) != Input.CII) {
            throw new UnreadableInvoiceException(
                    "This XML is not a CII CrossIndustryInvoice: it cannot be written as Factur-X");
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
                                                        + " profile: it cannot be written as"
                                                        + " Factur-X"));
        byte[] view =
                visualization.layOut(dom, Input.CII, InvoiceVisualization.language(locale), true);
        return new Document(
                MustangRenderer.pdfName(invoiceXml.fileName()),
                mediaType(),
                embedded(view, xml, profile));
    }

    private byte[] embedded(byte[] view, byte[] xml, Profile profile)
            throws UnreadableInvoiceException {
        // Mustang loads the sRGB profile and its XMP parts through the context class loader
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(FacturXWriter.class.getClassLoader());
        try {
            return new FacturXEmbedding(profile).embed(view, xml);
        } catch (IOException | RuntimeException e) {
            logger.debug("Factur-X embedding failed", e);
            throw new UnreadableInvoiceException(
                    "The invoice XML cannot be embedded in its PDF/A-3: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String shortened(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
