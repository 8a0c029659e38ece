package io.facteur.core.internal.inbox;

import io.facteur.api.Document;
import io.facteur.api.Inbox;
import io.facteur.api.InboxException;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.pipeline.JobQueue;
import io.facteur.core.internal.pipeline.Steps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable entrance of every dossier: the bytes are on disk (forced) and the invoice and its
 * first job are in the database before a channel is answered. The same bytes twice in one dossier
 * are one invoice.
 */
@Component(
        service = {Inbox.class, InboxService.class},
        configurationPid = InboxConfig.PID)
@Designate(ocd = InboxConfig.class)
public class InboxService implements Inbox {
    private final Logger logger = LoggerFactory.getLogger(InboxService.class);
    private final Database database;
    private final java.util.function.Predicate<String> dossierExists;
    private final InvoiceStore invoices;
    private final JobQueue queue;
    private final DocumentStore documents;
    private final DerivedStore derived;
    private final io.facteur.core.internal.customer.CustomerStore customers;
    private final InboxConfig config;

    @Activate
    public InboxService(
            @Reference Database database,
            @Reference DossierService dossiers,
            BundleContext context,
            InboxConfig config)
            throws IOException {
        this(database, id -> dossiers.find(id).isPresent(), folder(context, config), config);
    }

    /**
     * An inbox outside OSGi (tests, benchmarks). Not a constructor: DS must see only one public
     * constructor with this many arguments.
     *
     * @param database the migrated database
     * @param dossierExists tells whether a dossier id exists
     * @param folder where documents and what is derived from them are kept
     * @param config the limits
     */
    public static InboxService standalone(
            Database database,
            java.util.function.Predicate<String> dossierExists,
            Path folder,
            InboxConfig config)
            throws IOException {
        return new InboxService(database, dossierExists, folder, config);
    }

    private InboxService(
            Database database,
            java.util.function.Predicate<String> dossierExists,
            Path folder,
            InboxConfig config)
            throws IOException {
        this.database = database;
        this.dossierExists = dossierExists;
        this.config = config;
        this.documents = new DocumentStore(folder.resolve("documents"));
        this.derived = new DerivedStore(folder.resolve("derived"));
        this.invoices = new InvoiceStore(database);
        this.queue = new JobQueue(database);
        this.customers = new io.facteur.core.internal.customer.CustomerStore(database);
    }

    /**
     * What the inbox did with a document.
     *
     * @param id the invoice id
     * @param alreadyKnown true when the same bytes were already in the dossier
     */
    public record Received(String id, boolean alreadyKnown) {}

    /**
     * Stores a document from a stream and queues it for reading.
     *
     * @throws DocumentTooLargeException over the size limit; nothing is kept then
     * @throws EmptyDocumentException when there is not a byte; nothing is recorded then
     * @throws InboxException when the dossier does not exist
     */
    public Received receive(
            String dossier, InputStream in, String fileName, String mediaType, Source source)
            throws IOException, SQLException, InboxException {
        if (!dossierExists.test(dossier)) {
            throw new InboxException("No dossier " + dossier);
        }
        DocumentStore.Stored stored =
                documents.store(
                        in,
                        config.maxFileBytes(),
                        () -> new DocumentTooLargeException(config.maxFileBytes()));
        if (stored.size() == 0) {
            throw new EmptyDocumentException();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return record(dossier, stored, fileName, mediaType, source);
            } catch (SQLException e) {
                // lock time-outs and deadlocks are transient under concurrent writers: the
                // document is on disk already, so recording it again is safe
                if (!transientFailure(e) || attempt == 5) {
                    throw e;
                }
                logger.debug(
                        "Recording a received document again ({}): {}", attempt, e.getMessage());
                sleep(25L * attempt);
            }
        }
    }

    private static boolean transientFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    private static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted", "40000", e);
        }
    }

    private Received record(
            String dossier,
            DocumentStore.Stored stored,
            String fileName,
            String mediaType,
            Source source)
            throws SQLException {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            Optional<String> existing = invoices.findBySha(c, dossier, stored.sha256());
            if (existing.isPresent()) {
                c.rollback();
                return new Received(existing.get(), true);
            }
            String id = io.facteur.core.internal.Ids.next();
            // a duplicate is refused by the INSERT itself (not by the commit): keep it inside
            try {
                invoices.insert(
                        c,
                        new InvoiceRow(
                                id,
                                dossier,
                                stored.sha256(),
                                name(fileName),
                                mediaType == null ? "application/octet-stream" : mediaType,
                                stored.size(),
                                source.channel(),
                                source.detail(),
                                Instant.now(),
                                InvoiceStatus.RECEIVED,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
                invoices.event(
                        c,
                        id,
                        "received",
                        "ok",
                        source.detail().isEmpty()
                                ? Message.of(
                                        "received", name(fileName), stored.size(), source.channel())
                                : Message.of(
                                        "received.from",
                                        name(fileName),
                                        stored.size(),
                                        source.channel(),
                                        source.detail()));
                queue.enqueue(c, id, Steps.DETECT);
                c.commit();
                queue.enqueued();
            } catch (SQLException e) {
                c.rollback();
                if ("23505".equals(e.getSQLState())) { // the same bytes, received concurrently
                    Optional<String> other = invoices.findBySha(c, dossier, stored.sha256());
                    c.rollback(); // ends the read: a connection closes only without a transaction
                    return new Received(other.orElseThrow(), true);
                }
                throw e;
            }
            logger.info("Invoice {} received in dossier {} ({} bytes)", id, dossier, stored.size());
            return new Received(id, false);
        }
    }

    @Override
    public InboxReceipt accept(String dossier, Document document, Source source)
            throws InboxException {
        try {
            Received r =
                    receive(
                            dossier,
                            new ByteArrayInputStream(document.content()),
                            document.fileName(),
                            document.mediaType(),
                            source);
            return new InboxReceipt(r.id(), r.alreadyKnown());
        } catch (DocumentTooLargeException | EmptyDocumentException e) {
            throw new InboxException(e.getMessage());
        } catch (IOException | SQLException e) {
            throw new InboxException("The inbox cannot store documents now: " + e.getMessage(), e);
        }
    }

    public InvoiceStore invoices() {
        return invoices;
    }

    public JobQueue queue() {
        return queue;
    }

    public DocumentStore documents() {
        return documents;
    }

    public DerivedStore derived() {
        return derived;
    }

    /** The customer directory of the dossiers. */
    public io.facteur.core.internal.customer.CustomerStore customers() {
        return customers;
    }

    public Database database() {
        return database;
    }

    public InboxConfig config() {
        return config;
    }

    private static Path folder(BundleContext context, InboxConfig config) {
        String data = context.getProperty("karaf.data");
        return config.folder().isBlank()
                ? Path.of(data == null ? "data" : data, "facteur")
                : Path.of(config.folder());
    }

    private static String name(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "document";
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "");
        return base.isBlank() ? "document" : base;
    }
}
