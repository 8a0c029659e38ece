package io.facteur.adapter.de.internal;

import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.XmlEditor;
import java.util.Set;
import org.w3c.dom.Element;

/** BT-24 and BT-10 of a UBL 2.1 Invoice or CreditNote, in the order UBL's schema wants. */
final class UblHeader implements XRechnung.Header {

    static final String INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    static final String CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
    static final String CBC =
            "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    /** What precedes cbc:CustomizationID in both documents. */
    private static final Set<String> BEFORE_CUSTOMIZATION = Set.of("UBLExtensions", "UBLVersionID");

    /** What precedes cbc:BuyerReference in an Invoice or a CreditNote. */
    private static final Set<String> BEFORE_PROFILE =
            Set.of("UBLExtensions", "UBLVersionID", "CustomizationID");

    private static final Set<String> BEFORE_BUYER_REFERENCE =
            Set.of(
                    "UBLExtensions",
                    "UBLVersionID",
                    "CustomizationID",
                    "ProfileID",
                    "ProfileExecutionID",
                    "ID",
                    "CopyIndicator",
                    "UUID",
                    "IssueDate",
                    "IssueTime",
                    "DueDate",
                    "InvoiceTypeCode",
                    "CreditNoteTypeCode",
                    "Note",
                    "TaxPointDate",
                    "DocumentCurrencyCode",
                    "TaxCurrencyCode",
                    "PricingCurrencyCode",
                    "PaymentCurrencyCode",
                    "PaymentAlternativeCurrencyCode",
                    "AccountingCostCode",
                    "AccountingCost",
                    "LineCountNumeric");

    @Override
    public void set(XmlEditor xml, String buyerReference, Messages messages)
            throws UnreadableInvoiceException {
        Element root = xml.root();
        boolean invoice =
                INVOICE.equals(root.getNamespaceURI()) && "Invoice".equals(root.getLocalName());
        boolean creditNote =
                CREDIT_NOTE.equals(root.getNamespaceURI())
                        && "CreditNote".equals(root.getLocalName());
        if (!invoice && !creditNote) {
            throw new UnreadableInvoiceException(
                    messages.format("xml.notUbl", root.getNamespaceURI(), root.getLocalName()));
        }
        xml.setOrAdd(
                root, CBC, "cbc", "CustomizationID", BEFORE_CUSTOMIZATION, XRechnung.SPECIFICATION);
        if (XmlEditor.child(root, CBC, "ProfileID") == null) {
            xml.setOrAdd(root, CBC, "cbc", "ProfileID", BEFORE_PROFILE, XRechnung.BILLING_PROCESS);
        }
        xml.setOrAdd(root, CBC, "cbc", "BuyerReference", BEFORE_BUYER_REFERENCE, buyerReference);
    }
}
