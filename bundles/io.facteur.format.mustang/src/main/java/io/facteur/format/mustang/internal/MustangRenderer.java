package io.facteur.format.mustang.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceRenderer;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.SafeXml;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shows CII and UBL invoices as PDF with the XRechnung visualization that Mustang's {@code
 * ZUGFeRDVisualizer} uses (its stylesheets, fonts and FOP settings), labels in French, English or
 * German. The stylesheets are compiled once, at the first rendering ({@link InvoiceVisualization}).
 */
@Component(service = InvoiceRenderer.class)
@Capability(
        capability = "render.mustang",
        kind = CapabilityKind.INVOICE_RENDERER,
        label = "PDF view of CII / UBL invoices")
public class MustangRenderer implements InvoiceRenderer {

    /** Larger invoice XML is refused: the layout holds several copies of it in memory. */
    static final int MAX_XML_BYTES = InvoiceVisualization.MAX_XML_BYTES;

    /** The syntax id of the UBL reader ({@code io.facteur.format.ubl}). */
    static final String UBL = "UBL";

    private static final Set<String> SYNTAXES =
            Set.of(CiiReader.SYNTAX, FacturXReader.FACTUR_X, UBL);

    private final InvoiceVisualization visualization;

    @Activate
    public MustangRenderer(@Reference InvoiceVisualization visualization) {
        this.visualization = visualization;
    }

    @Override
    public boolean renders(Syntax syntax) {
        return syntax != null && syntax.syntax() != null && SYNTAXES.contains(syntax.syntax());
    }

    @Override
    public Document render(Document invoiceXml, Syntax syntax, Locale locale)
            throws UnreadableInvoiceException {
        if (!renders(syntax)) {
            throw new UnreadableInvoiceException(
                    "Invoices in "
                            + (syntax == null ? "no syntax" : syntax.syntax())
                            + " cannot be shown as PDF");
        }
        byte[] xml = invoiceXml.content();
        if (xml.length > MAX_XML_BYTES) {
            throw new UnreadableInvoiceException(
                    "This invoice XML is too large to be shown as PDF ("
                            + xml.length / (1024 * 1024)
                            + " MB, at most "
                            + MAX_XML_BYTES / (1024 * 1024)
                            + " MB)");
        }
        org.w3c.dom.Document invoice = SafeXml.parse(xml);
        byte[] pdf =
                visualization.layOut(
                        invoice,
                        InvoiceVisualization.input(invoice.getDocumentElement()),
                        InvoiceVisualization.language(locale),
                        false);
        return new Document(pdfName(invoiceXml.fileName()), "application/pdf", pdf);
    }

    static String pdfName(String fileName) {
        String base = fileName.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        return (base.isBlank() ? "invoice" : base) + ".pdf";
    }
}
