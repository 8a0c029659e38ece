package io.facteur.format.mustang.internal;

import io.facteur.api.Document;
import io.facteur.api.PdfInvoiceEmbedder;
import io.facteur.api.UnreadableInvoiceException;
import org.osgi.service.component.annotations.Component;

/**
 * Makes a Factur-X PDF of pages another capability laid out (online invoicing) and the CII they
 * show: the same embedding, XMP and checks as the Factur-X writer, so that one bundle holds the
 * PDF/A-3 and Factur-X knowledge. The pages are taken as they are: they must already meet PDF/A-3
 * (fonts embedded, no transparency); an sRGB output intent is added when they have none.
 */
@Component(service = PdfInvoiceEmbedder.class)
public class FacturXEmbedder implements PdfInvoiceEmbedder {

    @Override
    public Document embed(Document pdf, Document invoiceXml) throws UnreadableInvoiceException {
        byte[] xml = invoiceXml.content();
        FacturXAssembly.FacturXCii cii = FacturXAssembly.checked(xml);
        return new Document(
                MustangRenderer.pdfName(invoiceXml.fileName()),
                "application/pdf",
                FacturXAssembly.embedded(pdf.content(), xml, cii.profile()));
    }
}
