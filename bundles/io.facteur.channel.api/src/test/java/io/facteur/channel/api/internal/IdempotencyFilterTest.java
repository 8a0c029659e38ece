package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.apache.cxf.jaxrs.impl.ContainerRequestContextImpl;
import org.apache.cxf.jaxrs.impl.ContainerResponseContextImpl;
import org.apache.cxf.jaxrs.impl.MetadataMap;
import org.apache.cxf.jaxrs.impl.ResponseImpl;
import org.apache.cxf.jaxrs.model.URITemplate;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The filter in CXF's own request and response contexts, as the whiteboard runs it after the core's
 * authentication, with the idempotency table on real Derby.
 */
class IdempotencyFilterTest {
    @RegisterExtension final TestDerby derby = new TestDerby();
    private IdempotencyFilter filter;

    /** The answer of the core's import, as its resource returns it. */
    public record Result(String fileName, String outcome, String id, String reason) {}

    @BeforeEach
    void open() throws Exception {
        filter = new IdempotencyFilter(new ChannelDatabase(derby.dataSource()), settings(1000));
    }

    @Test
    void theFirstAnswerIsStoredAndReplayedForTheSameKeyAndBody() throws Exception {
        Message first = request("key1", "acme", "acme", "order-1", "<Invoice/>");
        ContainerRequestContextImpl in = new ContainerRequestContextImpl(first, false, false);
        filter.filter(in);
        assertThat(aborted(first)).isNull();
        assertThat(in.getEntityStream().readAllBytes()).isEqualTo(bytes("<Invoice/>"));
        ResponseImpl accepted =
                (ResponseImpl)
                        Response.status(202)
                                .type("application/json")
                                .location(
                                        URI.create(
                                                "http://localhost/api/dossiers/acme/invoices/i1"))
                                .entity(new Result(null, "ACCEPTED", "i1", null))
                                .build();
        filter.filter(in, new ContainerResponseContextImpl(accepted, first, null, null));
        String sent = new String((byte[]) accepted.getEntity(), StandardCharsets.UTF_8);
        assertThat(sent)
                .isEqualTo(
                        "{\"fileName\":null,\"outcome\":\"ACCEPTED\",\"id\":\"i1\",\"reason\":null}");

        Message again = request("key1", "acme", "acme", "order-1", "<Invoice/>");
        filter.filter(new ContainerRequestContextImpl(again, false, false));
        Response replayed = aborted(again);
        assertThat(replayed.getStatus()).isEqualTo(202);
        assertThat(new String((byte[]) replayed.getEntity(), StandardCharsets.UTF_8))
                .isEqualTo(sent);
        assertThat(replayed.getHeaderString("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.getHeaderString("Location"))
                .isEqualTo("http://localhost/api/dossiers/acme/invoices/i1");
        assertThat(replayed.getMediaType().toString()).isEqualTo("application/json");
    }

    @Test
    void anotherBodyUnderTheSameKeyIsAConflict() throws Exception {
        Message first = request("key1", "acme", "acme", "order-1", "<Invoice/>");
        filter.filter(new ContainerRequestContextImpl(first, false, false));
        Message other = request("key1", "acme", "acme", "order-1", "<Invoice>2</Invoice>");
        filter.filter(new ContainerRequestContextImpl(other, false, false));
        Problem problem = (Problem) aborted(other).getEntity();
        assertThat(aborted(other).getStatus()).isEqualTo(409);
        // the first has not answered yet: the same body is "in progress"
        Message same = request("key1", "acme", "acme", "order-1", "<Invoice/>");
        filter.filter(new ContainerRequestContextImpl(same, false, false));
        assertThat(problem.type()).isEqualTo("urn:facteur:problem:idempotency-key-reused");
        assertThat(((Problem) aborted(same).getEntity()).type())
                .isEqualTo("urn:facteur:problem:idempotency-in-progress");
        assertThat(aborted(same).getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    }

    @Test
    void aServerErrorReleasesTheKey() throws Exception {
        Message first = request("key1", "acme", "acme", "order-1", "<Invoice/>");
        ContainerRequestContextImpl in = new ContainerRequestContextImpl(first, false, false);
        filter.filter(in);
        filter.filter(
                in,
                new ContainerResponseContextImpl(
                        (ResponseImpl) Response.status(503).build(), first, null, null));
        Message retry = request("key1", "acme", "acme", "order-1", "<Invoice>2</Invoice>");
        filter.filter(new ContainerRequestContextImpl(retry, false, false));
        assertThat(aborted(retry)).isNull();
    }

    @Test
    void invalidKeysAndLargeBodiesAreRefused() throws Exception {
        Message longKey = request("key1", "acme", "acme", "k".repeat(256), "<Invoice/>");
        filter.filter(new ContainerRequestContextImpl(longKey, false, false));
        assertThat(((Problem) aborted(longKey).getEntity()).type())
                .isEqualTo("urn:facteur:problem:idempotency-key-invalid");
        Message control = request("key1", "acme", "acme", "a\u0001b", "<Invoice/>");
        filter.filter(new ContainerRequestContextImpl(control, false, false));
        assertThat(aborted(control).getStatus()).isEqualTo(400);

        Message large = request("key1", "acme", "acme", "big", "x".repeat(1001));
        filter.filter(new ContainerRequestContextImpl(large, false, false));
        Problem tooLarge = (Problem) aborted(large).getEntity();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.detail()).isEqualTo("Files are limited to 1000 bytes.");
    }

    @Test
    void requestsWithoutAKeyOrForAnotherDossierPassUntouched() throws Exception {
        Message none = request("key1", "acme", "acme", null, "<Invoice/>");
        filter.filter(new ContainerRequestContextImpl(none, false, false));
        assertThat(aborted(none)).isNull();
        // a key of dossier "acme" naming "other": the core's resource answers 404
        Message other = request("key1", "acme", "other", "k".repeat(300), "<Invoice/>");
        filter.filter(new ContainerRequestContextImpl(other, false, false));
        assertThat(aborted(other)).isNull();
    }

    @Test
    void problemsSpeakTheCallersLanguage() throws Exception {
        Message reused = request("key1", "acme", "acme", "order-9", "<A/>");
        filter.filter(new ContainerRequestContextImpl(reused, false, false));
        Message french = request("key1", "acme", "acme", "order-9", "<B/>");
        headers(french).put("Accept-Language", List.of("fr-FR,fr;q=0.9"));
        filter.filter(new ContainerRequestContextImpl(french, false, false));
        assertThat(((Problem) aborted(french).getEntity()).title())
                .isEqualTo("Clé d'idempotence réutilisée");
    }

    private static Message request(
            String caller, String callerDossier, String dossier, String key, String body) {
        Message m = new MessageImpl();
        Exchange exchange = new ExchangeImpl();
        exchange.setInMessage(m);
        m.setExchange(exchange);
        m.put(Message.HTTP_REQUEST_METHOD, "POST");
        m.put(Message.REQUEST_URI, "/api/dossiers/" + dossier + "/invoices");
        m.put(Message.BASE_PATH, "/api");
        m.put(Message.ENDPOINT_ADDRESS, "http://localhost/api");
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of("application/xml"));
        if (key != null) {
            headers.put("Idempotency-Key", List.of(key));
        }
        m.put(Message.PROTOCOL_HEADERS, headers);
        MultivaluedMap<String, String> template = new MetadataMap<>();
        template.putSingle("dossier", dossier);
        m.put(URITemplate.TEMPLATE_PARAMETERS, template);
        Principal principal = () -> caller;
        m.put(
                SecurityContext.class,
                new SecurityContext() {
                    @Override
                    public Principal getUserPrincipal() {
                        return principal;
                    }

                    @Override
                    public boolean isUserInRole(String role) {
                        return role.equals(io.facteur.api.Roles.dossier(callerDossier));
                    }

                    @Override
                    public boolean isSecure() {
                        return false;
                    }

                    @Override
                    public String getAuthenticationScheme() {
                        return "Bearer";
                    }
                });
        m.setContent(java.io.InputStream.class, new ByteArrayInputStream(bytes(body)));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headers(Message m) {
        return (Map<String, List<String>>) m.get(Message.PROTOCOL_HEADERS);
    }

    private static Response aborted(Message m) {
        return m.getExchange().get(Response.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ApiChannelSettings settings(int maxBodyBytes) {
        return new ApiChannelSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ApiChannelSettings.class;
            }

            @Override
            public int idempotencyHours() {
                return 24;
            }

            @Override
            public int maxBodyBytes() {
                return maxBodyBytes;
            }

            @Override
            public int giveUpHours() {
                return 24;
            }

            @Override
            public int firstRetrySeconds() {
                return 30;
            }

            @Override
            public int maxRetrySeconds() {
                return 3600;
            }

            @Override
            public int timeoutSeconds() {
                return 10;
            }

            @Override
            public int pollMillis() {
                return 1000;
            }

            @Override
            public boolean allowHttp() {
                return false;
            }

            @Override
            public boolean allowPrivateTargets() {
                return false;
            }

            @Override
            public int maxWebhooks() {
                return 5;
            }
        };
    }
}
