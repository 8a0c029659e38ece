package io.facteur.export.http.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.ConnectionTest;
import io.facteur.api.ExportConnector;
import io.facteur.api.ExportException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each invoice document to a receiver's HTTP endpoint as one request (POST or PUT, the
 * document as body, an {@code Idempotency-Key}), and tests an endpoint with a documented probe.
 * Holds no configuration: each connector's settings come with each call; HTTP clients are shared by
 * the connectors with the same setup.
 */
@Component(
        service = ExportConnector.class,
        configurationPid = HttpExportSettings.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = HttpExportSettings.class, factory = true)
@Capability(
        capability = "export.http",
        kind = CapabilityKind.EXPORT_CONNECTOR,
        label = "HTTP",
        settings_pid = HttpExportSettings.PID)
public class HttpConnector implements ExportConnector {
    private final Logger logger = LoggerFactory.getLogger(HttpConnector.class);
    private final Clients clients;

    public HttpConnector() {
        this(new Clients());
    }

    HttpConnector(Clients clients) {
        this.clients = clients;
    }

    @Deactivate
    void deactivate() {
        clients.close();
    }

    @Override
    public ConnectionTest test(Map<String, Object> settings, Locale locale) {
        Texts texts = Texts.of(locale);
        try {
            Endpoint endpoint = Endpoint.of(settings);
            Answer answer = exchange(endpoint, () -> Requests.probe(endpoint));
            Refusal refusal = answer.refusal();
            if (refusal != null) {
                return new ConnectionTest(false, texts.format(refusal));
            }
            return new ConnectionTest(
                    true, texts.format("probe.success", endpoint.url().getHost(), answer.status()));
        } catch (Refusal r) {
            return new ConnectionTest(false, texts.format(r));
        }
    }

    @Override
    public String send(Export export) throws ExportException {
        try {
            Endpoint endpoint = Endpoint.of(export.settings());
            Answer answer = exchange(endpoint, () -> Requests.export(endpoint, export));
            Refusal refusal = answer.refusal();
            if (refusal != null) {
                throw refusal;
            }
            logger.debug(
                    "invoice {} of dossier {}: sent to connector {}, HTTP {}",
                    export.invoiceId(),
                    export.dossier(),
                    export.connector(),
                    answer.status());
            return answer.location().isEmpty()
                    ? Texts.TIMELINE.format("sent", answer.status())
                    : Texts.TIMELINE.format("sent.location", answer.status(), answer.location());
        } catch (Refusal r) {
            throw new ExportException(Texts.TIMELINE.format(r), r.transientFailure(), r.getCause());
        }
    }

    /**
     * Checks the target, sends the request, reads the answer within the timeout: the request's
     * timeout until the answer's headers, the body's own after them. A synchronous send, on the
     * caller's thread as far as the client allows (an asynchronous send and a wait cost two thread
     * hops per request, measured at half the throughput on a loaded machine).
     */
    private Answer exchange(Endpoint endpoint, Supplier<HttpRequest> requests) throws Refusal {
        Targets.check(endpoint);
        HttpClient client = clients.client(endpoint);
        try {
            HttpRequest request = requests.get();
            HttpResponse<byte[]> response =
                    client.send(request, BoundedBody.handler(endpoint.timeoutSeconds()));
            return Answer.of(response, endpoint.secrets());
        } catch (IOException | RuntimeException e) {
            throw Failures.of(e, endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal("net.interrupted", true, e);
        }
    }
}
