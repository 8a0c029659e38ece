package io.facteur.format.mustang.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.InvoiceRenderer;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.xml.SafeXml;
import io.facteur.format.mustang.internal.VisualizationStylesheets.Input;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import org.apache.fop.apps.FOPException;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Shows CII and UBL invoices as PDF with the XRechnung visualization that Mustang's {@code
 * ZUGFeRDVisualizer} uses (its stylesheets, fonts and FOP settings), labels in French, English or
 * German. The stylesheets are compiled once, at the first rendering.
 */
@Component(service = InvoiceRenderer.class)
@Capability(
        capability = "render.mustang",
        kind = CapabilityKind.INVOICE_RENDERER,
        label = "PDF view of CII / UBL invoices")
public class MustangRenderer implements InvoiceRenderer {

    /** Larger invoice XML is refused: the layout holds several copies of it in memory. */
    static final int MAX_XML_BYTES = 8 * 1024 * 1024;

    /** The syntax id of the UBL reader ({@code io.facteur.format.ubl}). */
    static final String UBL = "UBL";

    private static final Set<String> SYNTAXES =
            Set.of(CiiReader.SYNTAX, FacturXReader.FACTUR_X, UBL);
    private static final Set<String> LANGUAGES = Set.of("fr", "en", "de");
    private static final String DEFAULT_LANGUAGE = "fr";
    private static final String UBL_NAMESPACE = "urn:oasis:names:specification:ubl:schema:xsd:";

    private final Logger logger = LoggerFactory.getLogger(MustangRenderer.class);
    private volatile Engines engines;

    /** What is set up once: the compiled stylesheets and FOP. */
    private record Engines(VisualizationStylesheets stylesheets, PdfTypesetter typesetter) {}

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
        Input input = input(invoice.getDocumentElement());
        byte[] pdf = layOut(invoice, input, language(locale));
        return new Document(pdfName(invoiceXml.fileName()), "application/pdf", pdf);
    }

    /** The visualization's language for a locale: French, English or German, French otherwise. */
    static String language(Locale locale) {
        String language = locale == null ? "" : locale.getLanguage();
        return LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
    }

    /** Which stylesheet reads this XML, by its root element (never by the declared syntax). */
    private static Input input(Element root) throws UnreadableInvoiceException {
        String namespace = String.valueOf(root.getNamespaceURI());
        String name = String.valueOf(root.getLocalName());
        if (CiiInvoiceMapper.CII_NAMESPACE.equals(namespace)
                && "CrossIndustryInvoice".equals(name)) {
            return Input.CII;
        }
        if ((UBL_NAMESPACE + "Invoice-2").equals(namespace) && "Invoice".equals(name)) {
            return Input.UBL_INVOICE;
        }
        if ((UBL_NAMESPACE + "CreditNote-2").equals(namespace) && "CreditNote".equals(name)) {
            return Input.UBL_CREDIT_NOTE;
        }
        throw new UnreadableInvoiceException(
                "Only CII (CrossIndustryInvoice) and UBL 2.1 (Invoice, CreditNote) XML can be"
                        + " shown as PDF; this XML is a "
                        + (name.length() > 64 ? name.substring(0, 64) + "…" : name));
    }

    private byte[] layOut(org.w3c.dom.Document invoice, Input input, String language)
            throws UnreadableInvoiceException {
        // Saxon and FOP load their parts through the thread context class loader (STACK.md 3)
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MustangRenderer.class.getClassLoader());
        try {
            return layOut(engines(), invoice, input, language);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private byte[] layOut(Engines ready, org.w3c.dom.Document invoice, Input input, String language)
            throws UnreadableInvoiceException {
        try {
            org.w3c.dom.Document model = VisualizationModel.empty();
            ready.stylesheets()
                    .toModel(input)
                    .transform(new DOMSource(invoice), new DOMResult(model));
            VisualizationModel.repair(model);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            ready.stylesheets()
                    .toFo(language)
                    .transform(
                            new DOMSource(model), new SAXResult(ready.typesetter().typeset(pdf)));
            if (!PdfMagic.isPdf(pdf.toByteArray())) {
                throw new UnreadableInvoiceException(
                        "This invoice XML gave an empty PDF: it holds too little to be shown");
            }
            return pdf.toByteArray();
        } catch (TransformerException
                | FOPException
                | ParserConfigurationException
                | RuntimeException e) {
            logger.debug("{} invoice XML not laid out", input, e);
            throw new UnreadableInvoiceException(
                    "This invoice XML cannot be laid out as PDF: " + shortReason(e), e);
        }
    }

    private Engines engines() {
        Engines ready = engines;
        if (ready == null) {
            synchronized (this) {
                ready = engines;
                if (ready == null) {
                    ClassLoader loader = MustangRenderer.class.getClassLoader();
                    long start = System.nanoTime();
                    try {
                        ready =
                                new Engines(
                                        new VisualizationStylesheets(loader),
                                        new PdfTypesetter(loader));
                    } catch (TransformerException | IOException e) {
                        // the bundle's own resources: a packaging defect, not the invoice's fault
                        throw new IllegalStateException(
                                "The invoice visualization cannot be set up", e);
                    }
                    logger.info(
                            "Invoice visualization set up in {} ms",
                            (System.nanoTime() - start) / 1_000_000);
                    engines = ready;
                }
            }
        }
        return ready;
    }

    private static String shortReason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static String pdfName(String fileName) {
        String base = fileName.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        return (base.isBlank() ? "invoice" : base) + ".pdf";
    }
}
