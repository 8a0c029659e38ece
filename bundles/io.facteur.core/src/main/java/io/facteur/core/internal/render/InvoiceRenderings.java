package io.facteur.core.internal.render;

import io.facteur.api.Capability;
import io.facteur.api.Document;
import io.facteur.api.InvoiceRenderer;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.core.internal.inbox.DerivedStore;
import io.facteur.core.internal.inbox.InboxService;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDF views of invoices that arrived as XML: asks the installed {@link InvoiceRenderer}s,
 * tracked dynamically and tried in the order of their capability ids, and keeps each rendering per
 * document and language in the {@link DerivedStore}, so that the next request is answered at once.
 * Laying out is slow and takes memory: at most {@value #PARALLEL} run at once, and a request waits
 * at most {@value #PATIENCE_SECONDS} s for its turn.
 */
@Component(service = InvoiceRenderings.class)
public class InvoiceRenderings {
    static final int PARALLEL = 2;
    static final long PATIENCE_SECONDS = 30;
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};

    private final Logger logger = LoggerFactory.getLogger(InvoiceRenderings.class);
    private final DerivedStore derived;
    private final Map<String, InvoiceRenderer> renderers = new ConcurrentSkipListMap<>();
    private final Semaphore turns = new Semaphore(PARALLEL, true);

    @Activate
    public InvoiceRenderings(@Reference InboxService inbox) {
        this(inbox.derived());
    }

    InvoiceRenderings(DerivedStore derived) {
        this.derived = derived;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRenderer(InvoiceRenderer renderer, Map<String, Object> props) {
        renderers.put(String.valueOf(props.get(Capability.ID)), renderer);
    }

    void removeRenderer(InvoiceRenderer renderer, Map<String, Object> props) {
        renderers.remove(String.valueOf(props.get(Capability.ID)), renderer);
    }

    /** Every renderer is busy and the request waited long enough. */
    public static final class BusyException extends Exception {
        private static final long serialVersionUID = 1L;

        BusyException() {
            super("Every invoice renderer is busy", null, false, false);
        }
    }

    /**
     * The PDF view of an invoice XML, kept or laid out now.
     *
     * @param sha256 the hex SHA-256 of the original document, the key of the kept rendering
     * @param xml the invoice XML the original carries
     * @param syntax the syntax detected in the original
     * @param language the language of the labels, {@code fr}, {@code en} or {@code de}
     * @return the PDF, or empty when no installed renderer lays out that syntax
     * @throws UnreadableInvoiceException when the renderer cannot lay out this XML
     * @throws BusyException when no renderer was free in time
     * @throws IOException when the renderer gave no PDF, or the store cannot be read
     */
    public Optional<byte[]> pdf(String sha256, Document xml, Syntax syntax, Locale language)
            throws UnreadableInvoiceException, BusyException, IOException {
        String lang = language.getLanguage();
        Optional<byte[]> kept = derived.rendering(sha256, lang);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<Map.Entry<String, InvoiceRenderer>> renderer = rendererOf(syntax);
        if (renderer.isEmpty()) {
            return Optional.empty();
        }
        waitForTurn();
        try {
            kept = derived.rendering(sha256, lang); // laid out while this request waited
            if (kept.isPresent()) {
                return kept;
            }
            byte[] pdf = render(renderer.get(), xml, syntax, language);
            keep(sha256, lang, pdf);
            return Optional.of(pdf);
        } finally {
            turns.release();
        }
    }

    private Optional<Map.Entry<String, InvoiceRenderer>> rendererOf(Syntax syntax) {
        for (Map.Entry<String, InvoiceRenderer> entry : renderers.entrySet()) {
            try {
                if (entry.getValue().renders(syntax)) {
                    return Optional.of(entry);
                }
            } catch (RuntimeException e) {
                logger.warn("Renderer {} failed to answer for {}", entry.getKey(), syntax, e);
            }
        }
        return Optional.empty();
    }

    private void waitForTurn() throws BusyException {
        try {
            if (!turns.tryAcquire(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new BusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException();
        }
    }

    private byte[] render(
            Map.Entry<String, InvoiceRenderer> renderer,
            Document xml,
            Syntax syntax,
            Locale language)
            throws UnreadableInvoiceException, IOException {
        long start = System.nanoTime();
        Document pdf = renderer.getValue().render(xml, syntax, language);
        if (pdf == null || !isPdf(pdf.content())) {
            throw new IOException("The renderer " + renderer.getKey() + " gave no PDF");
        }
        logger.debug(
                "{} laid out {} ({}) in {} ms",
                renderer.getKey(),
                xml.fileName(),
                language.getLanguage(),
                (System.nanoTime() - start) / 1_000_000);
        return pdf.content();
    }

    private void keep(String sha256, String lang, byte[] pdf) {
        try {
            derived.saveRendering(sha256, lang, pdf);
        } catch (IOException e) {
            // served all the same; it is laid out again next time
            logger.warn(
                    "Cannot keep the {} rendering of document {}: {}", lang, sha256, e.toString());
        }
    }

    /** Whether the bytes are a PDF by content: they start with {@code %PDF-}. */
    public static boolean isPdf(byte[] content) {
        return content.length >= PDF_MAGIC.length
                && Arrays.equals(content, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length);
    }
}
