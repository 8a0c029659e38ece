package io.facteur.format.mustang.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.format.mustang.internal.VisualizationStylesheets.Input;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

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
        FacturXAssembly.FacturXCii cii = FacturXAssembly.checked(xml);
        byte[] view =
                visualization.layOut(
                        cii.dom(), Input.CII, InvoiceVisualization.language(locale), true);
        return new Document(
                MustangRenderer.pdfName(invoiceXml.fileName()),
                mediaType(),
                FacturXAssembly.embedded(view, xml, cii.profile()));
    }
}
