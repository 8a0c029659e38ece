package io.facteur.format.ubl.internal;

import com.helger.cii.d16b.CIID16BCrossIndustryInvoiceTypeMarshaller;
import com.helger.diagnostics.error.list.ErrorList;
import com.helger.en16931.cii2ubl.CIIToUBL21Converter;
import com.helger.ubl21.UBL21Marshaller;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.SafeXml;
import java.io.Serializable;
import java.util.Locale;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.osgi.service.component.annotations.Component;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;

/**
 * Writes CII D16B invoices as UBL 2.1 Invoice or CreditNote with phax's maintained EN 16931
 * converter ({@code en16931-cii2ubl}); the document type follows the CII type code (BT-3).
 */
@Component(service = InvoiceWriter.class)
@Capability(capability = "writer.ubl", kind = CapabilityKind.INVOICE_WRITER, label = "UBL 2.1")
public class UblWriter implements InvoiceWriter {

    static final String CII = "CII";
    static final String CII_NAMESPACE =
            "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

    @Override
    public String syntax() {
        return "UBL";
    }

    @Override
    public String mediaType() {
        return "application/xml";
    }

    @Override
    public String extension() {
        return "xml";
    }

    @Override
    public boolean accepts(String sourceSyntax) {
        return CII.equals(sourceSyntax);
    }

    @Override
    public Document write(Document invoiceXml, String sourceSyntax, Invoice invoice, Locale locale)
            throws UnreadableInvoiceException {
        if (!accepts(sourceSyntax)) {
            throw new UnreadableInvoiceException(
                    "UBL can only be written from CII invoice XML, not from " + sourceSyntax);
        }
        ConvertedFile.checkSize(invoiceXml);
        org.w3c.dom.Document dom = SafeXml.parse(invoiceXml.content());
        org.w3c.dom.Element root = dom.getDocumentElement();
        if (!CII_NAMESPACE.equals(root.getNamespaceURI())
                || !"CrossIndustryInvoice".equals(root.getLocalName())) {
            throw new UnreadableInvoiceException(
                    "This XML is not a CII D16B CrossIndustryInvoice (its root element is "
                            + root.getLocalName()
                            + "): it cannot be written as UBL");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JAXB finds its runtime through the context class loader: this bundle embeds it
        thread.setContextClassLoader(UblWriter.class.getClassLoader());
        try {
            return new Document(
                    ConvertedFile.name(invoiceXml, ".ubl.xml"), mediaType(), converted(dom));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static byte[] converted(org.w3c.dom.Document dom) throws UnreadableInvoiceException {
        UblSchema.Result<CrossIndustryInvoiceType> cii =
                UblSchema.bind(new CIID16BCrossIndustryInvoiceTypeMarshaller(), dom);
        if (cii.document() == null) {
            throw new UnreadableInvoiceException(
                    "This CII invoice cannot be bound to the CII D16B model: "
                            + (cii.errors().isEmpty() ? "no reason given" : cii.errors().get(0)));
        }
        if (lineCount(cii.document()) == 0) {
            throw new UnreadableInvoiceException(
                    "This CII invoice has no invoice line (BG-25), as Factur-X MINIMUM and BASIC WL"
                            + " allow; UBL 2.1 requires at least one, so it cannot be written as UBL");
        }
        ErrorList errors = new ErrorList();
        // a writer never changes a business term: no sign swapping of quantity and price
        // (BT-129, BT-146), and BT-23 / BT-24 are the source's, not the converter's defaults
        Serializable ubl =
                new CIIToUBL21Converter()
                        .setSwapQuantitySignIfNeeded(false)
                        .setSwapPriceSignIfNeeded(false)
                        .convertCIItoUBL(cii.document(), errors);
        if (errors.containsAtLeastOneError() || ubl == null) {
            throw new UnreadableInvoiceException(
                    "This CII invoice cannot be converted to UBL: "
                            + (errors.containsAtLeastOneError()
                                    ? ConverterReport.errors(errors)
                                    : "the converter gave no document"));
        }
        CiiToUblCorrections.apply(cii.document(), ubl);
        ErrorList writing = new ErrorList();
        byte[] xml =
                ubl instanceof InvoiceType invoice
                        ? UBL21Marshaller.invoice()
                                .setFormattedOutput(true)
                                .setCollectErrors(writing)
                                .getAsBytes(invoice)
                        : UBL21Marshaller.creditNote()
                                .setFormattedOutput(true)
                                .setCollectErrors(writing)
                                .getAsBytes((CreditNoteType) ubl);
        if (xml == null) {
            throw new UnreadableInvoiceException(
                    "The UBL converted from this CII invoice breaks the UBL 2.1 schema: "
                            + ConverterReport.errors(writing));
        }
        return xml;
    }

    private static int lineCount(CrossIndustryInvoiceType cii) {
        var transaction = cii.getSupplyChainTradeTransaction();
        return transaction == null ? 0 : transaction.getIncludedSupplyChainTradeLineItemCount();
    }
}
