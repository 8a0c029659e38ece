package io.facteur.export.sftp.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.ConnectionTest;
import io.facteur.api.Document;
import io.facteur.api.ExportConnector;
import io.facteur.api.ExportException;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.invoice.Party;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports invoices to a dossier's SFTP server: each document under a name from the connector's
 * template, written to a temporary name and renamed into place, so that a retry replaces rather
 * than duplicates. Connects only to a server whose host key the admin confirmed.
 */
@Component(
        service = ExportConnector.class,
        configurationPid = SftpSettings.PID,
        // the settings are per connector, passed with each call: no configuration of its own
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = SftpSettings.class, factory = true)
@Capability(
        capability = "export.sftp",
        kind = CapabilityKind.EXPORT_CONNECTOR,
        label = "SFTP",
        settings_pid = SftpSettings.PID)
public class SftpConnector implements ExportConnector {
    /** Settings key of the confirmed host key, also the key of {@link ConnectionTest#confirm()}. */
    static final String HOST_KEY = "hostKey";

    private static final int KEY_CHARS = 12;

    private final Logger logger = LoggerFactory.getLogger(SftpConnector.class);
    private final SecureRandom random = new SecureRandom();
    private final SessionPool pool;
    private final ScheduledExecutorService sweeper;

    /** Keeps idle sessions for a minute. */
    @Activate
    public SftpConnector() {
        this(60, TimeUnit.SECONDS);
    }

    SftpConnector(long idleTime, TimeUnit unit) {
        pool = new SessionPool(idleTime, unit);
        sweeper =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "facteur-export-sftp-idle");
                            t.setDaemon(true);
                            return t;
                        });
        long period = Math.max(unit.toMillis(idleTime) / 4, 250);
        sweeper.scheduleWithFixedDelay(pool::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** Closes every session. */
    @Deactivate
    public void close() {
        sweeper.shutdownNow();
        pool.close();
    }

    /** How many sessions wait for the next export (for tests and diagnostics). */
    int idleSessions() {
        return pool.idleCount();
    }

    @Override
    public ConnectionTest test(Map<String, Object> settings, Locale locale) {
        Texts texts = Texts.of(locale);
        try {
            Endpoint endpoint = Endpoint.of(settings);
            endpoint.requireCredentials();
            endpoint.template.render(sample());
            try (SftpLink link = SftpLink.open(endpoint)) {
                String directory = link.probe(endpoint, ".facteur-probe-" + randomHex());
                return new ConnectionTest(
                        true,
                        texts.format(
                                "test.success",
                                endpoint.host,
                                String.valueOf(endpoint.port),
                                endpoint.user,
                                Failures.clean(directory)));
            }
        } catch (SftpProblem problem) {
            String presented = problem.presentedHostKey();
            return new ConnectionTest(
                    false,
                    problem.describe(texts),
                    presented == null ? Map.of() : Map.of(HOST_KEY, presented));
        } catch (RuntimeException e) {
            // a library fault must not escape the admin's test: report it as what it is
            logger.warn("SFTP connection test failed unexpectedly", e);
            return new ConnectionTest(
                    false, texts.format("error.connectionLost", "-", Failures.text(e)));
        }
    }

    @Override
    public String send(Export export) throws ExportException {
        Texts texts = Texts.ENGLISH;
        try {
            Endpoint endpoint = Endpoint.of(export.settings());
            endpoint.requireCredentials();
            String name = endpoint.template.render(export);
            if (endpoint.hostKey.isEmpty()) {
                throw new SftpProblem(
                        Reason.HOST_KEY_NOT_CONFIRMED, endpoint.host + ":" + endpoint.port);
            }
            String temp = "." + name + "." + keyPart(export.key()) + ".part";
            String path = upload(endpoint, name, temp, export.document());
            logger.info(
                    "invoice {} of dossier {}: exported to sftp://{}@{}:{}/{}",
                    export.invoiceId(),
                    export.dossier(),
                    endpoint.user,
                    endpoint.host,
                    endpoint.port,
                    path);
            return path;
        } catch (SftpProblem problem) {
            throw new ExportException(
                    problem.describe(texts), problem.reason().transientFailure(), problem);
        } catch (RuntimeException e) {
            throw new ExportException(
                    texts.format("error.connectionLost", "-", Failures.text(e)), true, e);
        }
    }

    private String upload(Endpoint endpoint, String name, String temp, Document document)
            throws SftpProblem {
        Endpoint.PoolKey key = endpoint.poolKey();
        SftpLink link = pool.borrow(key);
        boolean reused = link != null;
        try {
            if (link == null) {
                link = SftpLink.open(endpoint);
            }
            try {
                return link.upload(endpoint, name, temp, document.content());
            } catch (SftpProblem problem) {
                if (!reused || problem.reason() != Reason.CONNECTION_LOST) {
                    throw problem;
                }
                // a kept session the server closed meanwhile: once more on a new one (the
                // temporary name makes a second upload replace, never duplicate)
                link.close();
                link = null;
                link = SftpLink.open(endpoint);
                return link.upload(endpoint, name, temp, document.content());
            }
        } finally {
            if (link != null) {
                pool.giveBack(key, link);
            }
        }
    }

    /** The first characters of the export's key that may stand in a file name. */
    static String keyPart(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9_-]", "");
        if (safe.length() >= KEY_CHARS) {
            return safe.substring(0, KEY_CHARS);
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, KEY_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private String randomHex() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** An export to try a template on before any invoice exists. */
    private static Export sample() {
        Invoice invoice =
                new Invoice(
                        "INV-2026-0001",
                        LocalDate.of(2026, 1, 31),
                        "380",
                        "EUR",
                        null,
                        "",
                        "",
                        new Party("Seller", "", "", "", "", null),
                        new Party("Buyer", "", "", "", "", null),
                        List.of(),
                        List.of(),
                        null);
        return new Export(
                "sample",
                "dossier",
                "connector",
                "invoice",
                invoice,
                new Document("sample.xml", "application/xml", new byte[0]),
                "original",
                "xml",
                Map.of());
    }
}
