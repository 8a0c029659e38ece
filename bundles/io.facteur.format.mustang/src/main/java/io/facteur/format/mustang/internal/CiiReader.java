package io.facteur.format.mustang.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.SafeXml;
import io.facteur.api.xml.XmlHead;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Reads UN/CEFACT CII D16B invoices sent as XML (Factur-X / ZUGFeRD 2.x XML, XRechnung CII), with
 * the business terms they declare.
 */
@Component(service = InvoiceReader.class)
@Capability(capability = "format.cii", kind = CapabilityKind.INVOICE_READER, label = "CII XML")
public class CiiReader implements InvoiceReader {

    static final String SYNTAX = "CII";

    private final CiiInvoiceMapper mapper = new CiiInvoiceMapper();

    @Override
    public Optional<Syntax> detect(Document document) {
        return XmlHead.read(document.content(), "GuidelineSpecifiedDocumentContextParameter", "ID")
                .filter(
                        head ->
                                CiiInvoiceMapper.CII_NAMESPACE.equals(head.namespace())
                                        && "CrossIndustryInvoice".equals(head.localName()))
                .map(head -> new Syntax(SYNTAX, head.profile()));
    }

    @Override
    public Invoice read(Document document) throws UnreadableInvoiceException {
        if (PdfMagic.isPdf(document.content())) {
            throw new UnreadableInvoiceException(
                    "This is a PDF, not CII XML: read it as Factur-X / ZUGFeRD");
        }
        return mapper.map(SafeXml.parse(document.content()));
    }
}
