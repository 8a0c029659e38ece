package io.facteur.format.mustang.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import org.apache.fop.apps.FOPException;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.FopFactoryBuilder;
import org.apache.fop.apps.io.ResourceResolverFactory;
import org.apache.fop.configuration.ConfigurationException;
import org.apache.fop.configuration.DefaultConfigurationBuilder;
import org.apache.fop.events.EventFormatter;
import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;
import org.apache.xmlgraphics.util.MimeConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;

/**
 * Apache FOP, set up once from this bundle's {@code fop.xconf} with the fonts Mustang ships: lays
 * out XSL-FO as PDF. It reads fonts from this bundle and {@code data:} addresses (attachments an
 * invoice carries) only; files and network addresses are refused, and it writes nothing but the
 * PDF.
 */
final class PdfTypesetter {

    private static final String CONFIGURATION = "io/facteur/format/mustang/internal/fop.xconf";
    private static final URI BASE = URI.create("classpath:/");

    private final Logger logger = LoggerFactory.getLogger(PdfTypesetter.class);
    private final FopFactory factory;

    PdfTypesetter(ClassLoader loader) throws IOException {
        ResourceResolver resources = new BundleResources(loader);
        try (InputStream configuration = loader.getResourceAsStream(CONFIGURATION)) {
            if (configuration == null) {
                throw new IOException("No " + CONFIGURATION + " in the bundle");
            }
            this.factory =
                    new FopFactoryBuilder(BASE, resources)
                            .setConfiguration(
                                    new DefaultConfigurationBuilder().build(configuration))
                            .build();
        } catch (ConfigurationException e) {
            throw new IOException("Bad " + CONFIGURATION + ": " + e.getMessage(), e);
        }
        // embedded fonts are resolved by the font manager's own resolver
        factory.getFontManager()
                .setResourceResolver(
                        ResourceResolverFactory.createInternalResourceResolver(BASE, resources));
    }

    /**
     * Starts a PDF: the returned handler takes the SAX events of an XSL-FO document and writes the
     * PDF to {@code out} when the document ends.
     *
     * @param pdfA3 whether to write PDF/A-3b, the base of a Factur-X PDF
     */
    ContentHandler typeset(OutputStream out, boolean pdfA3) throws FOPException {
        FOUserAgent agent = factory.newFOUserAgent();
        if (pdfA3) {
            // as Mustang's visualizer: fonts embedded, sRGB output intent, PDF/A identification
            agent.getRendererOptions().put("pdf-a-mode", "PDF/A-3b");
        }
        agent.setProducer("Facteur");
        agent.setCreator("Facteur (XRechnung visualization, Apache FOP)");
        // a listener replaces FOP's own, which logs layout remarks of every page as warnings
        agent.getEventBroadcaster()
                .addEventListener(
                        event -> logger.debug("layout: {}", EventFormatter.format(event)));
        return factory.newFop(MimeConstants.MIME_PDF, agent, out).getDefaultHandler();
    }

    /** Resources of this bundle under {@code classpath:}; anything else is refused. */
    private static final class BundleResources implements ResourceResolver {
        private final ClassLoader loader;

        BundleResources(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public Resource getResource(URI uri) throws IOException {
            String path = uri.getSchemeSpecificPart();
            if (!"classpath".equals(uri.getScheme()) || path == null || path.contains("..")) {
                throw new IOException("Refused address " + uri);
            }
            URL url = loader.getResource(path.startsWith("/") ? path.substring(1) : path);
            if (url == null) {
                throw new IOException("No resource " + uri);
            }
            return new Resource(url.openStream());
        }

        @Override
        public OutputStream getOutputStream(URI uri) throws IOException {
            throw new IOException("Refused to write to " + uri);
        }
    }
}
