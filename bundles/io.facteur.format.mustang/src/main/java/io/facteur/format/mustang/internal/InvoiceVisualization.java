package io.facteur.format.mustang.internal;

import io.facteur.api.UnreadableInvoiceException;
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
 * The human-readable PDF of CII and UBL invoice XML (the XRechnung visualization of Mustang's
 * {@code ZUGFeRDVisualizer}), shared inside this bundle by the renderer and the Factur-X writer:
 * its stylesheets and FOP are set up once, at the first layout, for both.
 */
@Component(service = InvoiceVisualization.class)
public class InvoiceVisualization {

    /** Larger invoice XML is refused: the layout holds several copies of it in memory. */
    static final int MAX_XML_BYTES = 8 * 1024 * 1024;

    private static final Set<String> LANGUAGES = Set.of("fr", "en", "de");
    private static final String DEFAULT_LANGUAGE = "fr";
    private static final String UBL_NAMESPACE = "urn:oasis:names:specification:ubl:schema:xsd:";

    private final Logger logger = LoggerFactory.getLogger(InvoiceVisualization.class);
    private volatile Engines engines;

    /** What is set up once: the compiled stylesheets and FOP. */
    private record Engines(VisualizationStylesheets stylesheets, PdfTypesetter typesetter) {}

    /** The visualization's language for a locale: French, English or German, French otherwise. */
    static String language(Locale locale) {
        String language = locale == null ? "" : locale.getLanguage();
        return LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
    }

    /** Which stylesheet reads this XML, by its root element (never by the declared syntax). */
    static Input input(Element root) throws UnreadableInvoiceException {
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

    /**
     * Lays the invoice out as PDF.
     *
     * @param invoice the parsed invoice XML
     * @param input the stylesheet that reads it ({@link #input})
     * @param language {@code fr}, {@code en} or {@code de} ({@link #language})
     * @param pdfA3 whether FOP writes PDF/A-3b (fonts embedded, sRGB output intent, XMP)
     */
    byte[] layOut(org.w3c.dom.Document invoice, Input input, String language, boolean pdfA3)
            throws UnreadableInvoiceException {
        // Saxon and FOP load their parts through the thread context class loader (STACK.md 3)
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(InvoiceVisualization.class.getClassLoader());
        try {
            return layOut(engines(), invoice, input, language, pdfA3);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private byte[] layOut(
            Engines ready,
            org.w3c.dom.Document invoice,
            Input input,
            String language,
            boolean pdfA3)
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
                            new DOMSource(model),
                            new SAXResult(ready.typesetter().typeset(pdf, pdfA3)));
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
                    ClassLoader loader = InvoiceVisualization.class.getClassLoader();
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
}
