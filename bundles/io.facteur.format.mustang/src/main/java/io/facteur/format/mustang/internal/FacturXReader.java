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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PDF invoices with embedded XML: Factur-X and ZUGFeRD 2.x (every profile, MINIMUM to
 * EXTENDED, and XRechnung embedded) and ZUGFeRD 1.0.
 */
@Component(service = InvoiceReader.class)
@Capability(
        capability = "format.facturx",
        kind = CapabilityKind.INVOICE_READER,
        label = "Factur-X / ZUGFeRD PDF")
public class FacturXReader implements InvoiceReader {

    static final String FACTUR_X = "FACTUR_X";
    static final String ZUGFERD_1 = "ZUGFERD_1";

    private final Logger logger = LoggerFactory.getLogger(FacturXReader.class);
    private final CiiInvoiceMapper mapper = new CiiInvoiceMapper();
    private final FacturXProfiles profiles = new FacturXProfiles();
    private final java.util.concurrent.atomic.AtomicReference<Object[]> last =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public Optional<Syntax> detect(Document document) {
        if (!PdfMagic.isPdf(document.content())) {
            return Optional.empty();
        }
        EmbeddedInvoiceXml.Extraction extraction = extraction(document.content());
        if (extraction.refusal().isPresent()) {
            // a Factur-X / ZUGFeRD attachment is there: read() gives the reason it is refused
            return Optional.of(new Syntax(FACTUR_X, ""));
        }
        return extraction.xml().flatMap(this::syntaxOf);
    }

    /**
     * The extraction of a PDF, kept for the next call on the same bytes: the pipeline detects, then
     * reads, the same document, and a PDF is opened once for both.
     */
    private EmbeddedInvoiceXml.Extraction extraction(byte[] content) {
        Object[] cached = last.get();
        if (cached != null && cached[0] == content) {
            return (EmbeddedInvoiceXml.Extraction) cached[1];
        }
        EmbeddedInvoiceXml.Extraction extraction = EmbeddedInvoiceXml.extract(content);
        last.set(new Object[] {content, extraction});
        return extraction;
    }

    @Override
    public Invoice read(Document document) throws UnreadableInvoiceException {
        byte[] content = document.content();
        if (!PdfMagic.isPdf(content)) {
            throw new UnreadableInvoiceException("This file is not a PDF");
        }
        EmbeddedInvoiceXml.Extraction extraction = extraction(content);
        if (extraction.refusal().isPresent()) {
            throw new UnreadableInvoiceException(extraction.refusal().get());
        }
        if (extraction.xml().isEmpty()) {
            throw new UnreadableInvoiceException(noInvoiceReason(content, extraction));
        }
        byte[] embedded = extraction.xml().get();
        Optional<Syntax> syntax = syntaxOf(embedded);
        if (syntax.isEmpty()) {
            throw new UnreadableInvoiceException(
                    "The XML embedded in this PDF is not a Factur-X / ZUGFeRD (CII) invoice");
        }
        if (!profiles.isKnown(syntax.get().profile())) {
            throw new UnreadableInvoiceException(
                    "The invoice in this PDF declares the profile '"
                            + syntax.get().profile()
                            + "' (BT-24), which is not a Factur-X / ZUGFeRD profile");
        }
        try {
            return mapper.map(SafeXml.parse(embedded));
        } catch (UnreadableInvoiceException e) {
            logger.debug("embedded XML of {} refused: {}", document.fileName(), e.getMessage());
            throw new UnreadableInvoiceException(
                    "The invoice XML embedded in this PDF cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> invoiceXml(Document document) {
        return PdfMagic.isPdf(document.content())
                ? extraction(document.content()).xml()
                : Optional.empty();
    }

    private Optional<Syntax> syntaxOf(byte[] embedded) {
        return XmlHead.read(embedded, "GuidelineSpecifiedDocumentContextParameter", "ID")
                .flatMap(
                        head -> {
                            if (CiiInvoiceMapper.CII_NAMESPACE.equals(head.namespace())) {
                                return Optional.of(new Syntax(FACTUR_X, head.profile()));
                            }
                            if (CiiInvoiceMapper.ZUGFERD_1_NAMESPACE.equals(head.namespace())) {
                                return Optional.of(new Syntax(ZUGFERD_1, head.profile()));
                            }
                            return Optional.empty();
                        });
    }

    private static String noInvoiceReason(byte[] content, EmbeddedInvoiceXml.Extraction found) {
        if (!hasEndOfFile(content)) {
            return "This PDF is truncated or damaged: it cannot be opened to find its invoice XML";
        }
        if (found.otherXmlAttached()) {
            return "This PDF has an XML attachment, but none under a Factur-X/ZUGFeRD name"
                    + " (factur-x.xml, zugferd-invoice.xml)";
        }
        return "This PDF contains no embedded invoice XML (Factur-X/ZUGFeRD): it is a plain PDF";
    }

    /** A complete PDF ends with %%EOF (possibly followed by white space). */
    private static boolean hasEndOfFile(byte[] content) {
        int from = Math.max(0, content.length - 1024);
        String tail =
                new String(
                        content,
                        from,
                        content.length - from,
                        java.nio.charset.StandardCharsets.ISO_8859_1);
        return tail.contains("%%EOF");
    }
}
