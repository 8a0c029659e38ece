package io.facteur.format.mustang.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.ErrorListener;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XRechnung visualization (KoSIT) as Mustang ships it for its {@code ZUGFeRDVisualizer},
 * compiled once: CII, UBL invoice and UBL credit note XML to the XRechnung model, and that model to
 * XSL-FO with labels in German, English or French. Stylesheets and their label files are read from
 * this bundle only: any other address a stylesheet or an invoice names is refused.
 */
final class VisualizationStylesheets {

    /** The invoice syntaxes the visualization reads, each with its stylesheet. */
    enum Input {
        CII("cii-xr.xsl"),
        UBL_INVOICE("ubl-invoice-xr.xsl"),
        UBL_CREDIT_NOTE("ubl-creditnote-xr.xsl");

        private final String stylesheet;

        Input(String stylesheet) {
            this.stylesheet = stylesheet;
        }
    }

    private static final String SCHEME = "classpath";
    private static final URI BASE = URI.create(SCHEME + ":/stylesheets/");

    private final Logger logger = LoggerFactory.getLogger(VisualizationStylesheets.class);
    private final ClassLoader loader;
    private final TransformerFactory factory;
    private final Map<Input, Templates> toModel = new EnumMap<>(Input.class);
    private final Templates toFo;

    /**
     * Compiles the stylesheets (seconds).
     *
     * @param loader the class loader that holds Mustang's {@code stylesheets/}
     */
    VisualizationStylesheets(ClassLoader loader) throws TransformerConfigurationException {
        this.loader = loader;
        // Saxon itself, as Mustang does: the stylesheets are XSLT 2.0
        this.factory = new net.sf.saxon.TransformerFactoryImpl();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setURIResolver(this::resolve);
        factory.setErrorListener(new Quiet());
        for (Input input : Input.values()) {
            toModel.put(input, factory.newTemplates(open(input.stylesheet)));
        }
        this.toFo = factory.newTemplates(open("xr-pdf.xsl"));
    }

    /** A transformer from the invoice XML to the XRechnung model. */
    Transformer toModel(Input input) throws TransformerConfigurationException {
        return quiet(toModel.get(input).newTransformer());
    }

    /**
     * A transformer from the XRechnung model to XSL-FO.
     *
     * @param language {@code de}, {@code en} or {@code fr}
     */
    Transformer toFo(String language) throws TransformerConfigurationException {
        Transformer transformer = quiet(toFo.newTransformer());
        transformer.setParameter("lang", language);
        return transformer;
    }

    private Transformer quiet(Transformer transformer) {
        transformer.setErrorListener(new Quiet());
        transformer.setURIResolver(this::resolve);
        return transformer;
    }

    private Source open(String stylesheet) throws TransformerConfigurationException {
        try {
            return resolve(stylesheet, null);
        } catch (TransformerException e) {
            throw new TransformerConfigurationException(e.getMessage(), e);
        }
    }

    /** Resolves imports and {@code doc()} calls inside this bundle's {@code stylesheets/} only. */
    private Source resolve(String href, String base) throws TransformerException {
        URI uri;
        try {
            uri = (base == null || base.isEmpty() ? BASE : new URI(base)).resolve(href).normalize();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new TransformerException("Refused address " + href);
        }
        String path = uri.getPath();
        if (!SCHEME.equals(uri.getScheme())
                || path == null
                || !path.startsWith(BASE.getPath())
                || path.contains("..")) {
            throw new TransformerException("Refused address " + uri);
        }
        InputStream in = loader.getResourceAsStream(path.substring(1));
        if (in == null) {
            throw new TransformerException("No stylesheet resource " + path);
        }
        return new StreamSource(in, uri.toString());
    }

    /**
     * Warnings and recoverable errors of the stylesheets go to the debug log, not to the console;
     * fatal errors are thrown.
     */
    private final class Quiet implements ErrorListener {
        @Override
        public void warning(TransformerException e) {
            logger.debug("visualization: {}", e.getMessageAndLocation());
        }

        @Override
        public void error(TransformerException e) {
            logger.debug("visualization (recovered): {}", e.getMessageAndLocation());
        }

        @Override
        public void fatalError(TransformerException e) throws TransformerException {
            throw e;
        }
    }
}
