package io.facteur.format.ubl.internal;

import com.helger.cii.d16b.CIID16BCrossIndustryInvoiceTypeMarshaller;
import com.helger.diagnostics.error.list.ErrorList;
import com.helger.en16931.ubl2cii.UBL21CreditNoteToCIID16BConverter;
import com.helger.en16931.ubl2cii.UBL21InvoiceToCIID16BConverter;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.SafeXml;
import java.time.LocalDate;
import java.util.Locale;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.osgi.service.component.annotations.Component;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;

/**
 * Writes UBL 2.1 Invoice and CreditNote documents as CII D16B with phax's maintained EN 16931
 * converter ({@code en16931-ubl2cii}), with the business terms it loses put back and the empty
 * elements it writes removed ({@link UblToCiiCorrections}).
 */
@Component(service = InvoiceWriter.class)
@Capability(capability = "writer.cii", kind = CapabilityKind.INVOICE_WRITER, label = "CII D16B")
public class CiiWriter implements InvoiceWriter {

    static final String UBL = "UBL";

    @Override
    public String syntax() {
        return UblWriter.CII;
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
        return UBL.equals(sourceSyntax);
    }

    @Override
    public Document write(Document invoiceXml, String sourceSyntax, Invoice invoice, Locale locale)
            throws UnreadableInvoiceException {
        if (!accepts(sourceSyntax)) {
            throw new UnreadableInvoiceException(
                    "CII can only be written from UBL invoice XML, not from " + sourceSyntax);
        }
        ConvertedFile.checkSize(invoiceXml);
        org.w3c.dom.Document dom = SafeXml.parse(invoiceXml.content());
        String namespace = String.valueOf(dom.getDocumentElement().getNamespaceURI());
        String root = dom.getDocumentElement().getLocalName();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JAXB finds its runtime through the context class loader: this bundle embeds it
        thread.setContextClassLoader(CiiWriter.class.getClassLoader());
        try {
            ErrorList errors = new ErrorList();
            CrossIndustryInvoiceType cii;
            if (UblReader.INVOICE_NAMESPACE.equals(namespace) && "Invoice".equals(root)) {
                InvoiceType ubl = bound(UblSchema.invoice(dom));
                cii = UBL21InvoiceToCIID16BConverter.convertToCrossIndustryInvoice(ubl, errors);
                if (cii != null) {
                    LocalDate due = ubl.getDueDateValueLocal();
                    UblToCiiCorrections.apply(
                            cii,
                            party(ubl.getAccountingSupplierParty()),
                            party(ubl.getAccountingCustomerParty()),
                            due != null
                                    ? due
                                    : UblToCiiCorrections.paymentDueDate(ubl.getPaymentMeans()),
                            "380",
                            ubl.getProfileIDValue(),
                            ubl.getPaymentMeans());
                }
            } else if (UblReader.CREDIT_NOTE_NAMESPACE.equals(namespace)
                    && "CreditNote".equals(root)) {
                CreditNoteType ubl = bound(UblSchema.creditNote(dom));
                cii = UBL21CreditNoteToCIID16BConverter.convertToCrossIndustryInvoice(ubl, errors);
                if (cii != null) {
                    UblToCiiCorrections.apply(
                            cii,
                            party(ubl.getAccountingSupplierParty()),
                            party(ubl.getAccountingCustomerParty()),
                            UblToCiiCorrections.paymentDueDate(ubl.getPaymentMeans()),
                            "381",
                            ubl.getProfileIDValue(),
                            ubl.getPaymentMeans());
                }
            } else {
                throw new UnreadableInvoiceException(
                        "This XML is not a UBL 2.1 Invoice or CreditNote (its root element is "
                                + root
                                + "): it cannot be written as CII");
            }
            if (errors.containsAtLeastOneError() || cii == null) {
                throw new UnreadableInvoiceException(
                        "This UBL invoice cannot be converted to CII: "
                                + (errors.containsAtLeastOneError()
                                        ? ConverterReport.errors(errors)
                                        : "the converter gave no document"));
            }
            return new Document(
                    ConvertedFile.name(invoiceXml, ".cii.xml"), mediaType(), written(cii));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static PartyType party(SupplierPartyType supplier) {
        return supplier == null ? null : supplier.getParty();
    }

    private static PartyType party(CustomerPartyType customer) {
        return customer == null ? null : customer.getParty();
    }

    private static <T> T bound(UblSchema.Result<T> result) throws UnreadableInvoiceException {
        if (result.document() == null) {
            throw new UnreadableInvoiceException(
                    "This UBL document does not follow the UBL 2.1 schema: "
                            + (result.errors().isEmpty()
                                    ? "it cannot be bound"
                                    : result.errors().get(0)));
        }
        return result.document();
    }

    private static byte[] written(CrossIndustryInvoiceType cii) throws UnreadableInvoiceException {
        ErrorList writing = new ErrorList();
        byte[] xml =
                new CIID16BCrossIndustryInvoiceTypeMarshaller()
                        .setFormattedOutput(true)
                        .setCollectErrors(writing)
                        .getAsBytes(cii);
        if (xml == null) {
            throw new UnreadableInvoiceException(
                    "The CII converted from this UBL invoice breaks the CII D16B schema: "
                            + ConverterReport.errors(writing));
        }
        return xml;
    }
}
