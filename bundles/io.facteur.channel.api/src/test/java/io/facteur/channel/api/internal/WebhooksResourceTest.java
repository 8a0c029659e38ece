package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Dossiers;
import io.facteur.api.Roles;
import io.facteur.channel.api.internal.WebhooksResource.Listed;
import io.facteur.channel.api.internal.WebhooksResource.NewWebhook;
import io.facteur.channel.api.internal.WebhooksResource.Registered;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.apache.cxf.jaxrs.impl.HttpHeadersImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who registers, sees and deletes which webhook, and which URLs are refused. */
class WebhooksResourceTest {
    @RegisterExtension final TestDerby derby = new TestDerby();
    private WebhooksResource resource;

    @BeforeEach
    void open() throws Exception {
        Dossiers dossiers =
                new Dossiers() {
                    @Override
                    public Optional<Dossier> find(String id) {
                        return List.of("acme", "other").contains(id)
                                ? Optional.of(new Dossier(id, id, "FR", "", "", "fr"))
                                : Optional.empty();
                    }

                    @Override
                    public DossierDefaults defaults(String dossierId) {
                        throw new UnsupportedOperationException();
                    }
                };
        resource =
                new WebhooksResource(
                        new ChannelDatabase(derby.dataSource()),
                        dossiers,
                        IdempotencyFilterTest.settings(1000));
        Message m = new MessageImpl();
        m.put(Message.PROTOCOL_HEADERS, new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER));
        resource.headers = new HttpHeadersImpl(m);
    }

    @Test
    void aKeyRegistersItsWebhookSeesItWithoutTheSecretAndOthersDoNot() {
        Response made =
                resource.register(
                        "acme", new NewWebhook("https://93.184.216.34/hook"), key("k1", "acme"));
        assertThat(made.getStatus()).isEqualTo(201);
        Registered registered = (Registered) made.getEntity();
        assertThat(registered.secret()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(registered.scope()).isEqualTo("key");

        List<?> own = (List<?>) resource.list("acme", key("k1", "acme")).getEntity();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).toString()).doesNotContain(registered.secret());
        assertThat(((Listed) own.get(0)).state()).isEqualTo("ACTIVE");
        assertThat((List<?>) resource.list("acme", key("k2", "acme")).getEntity()).isEmpty();
        assertThat((List<?>) resource.list("acme", admin()).getEntity()).hasSize(1);

        assertThat(resource.one("acme", registered.id(), key("k2", "acme")).getStatus())
                .isEqualTo(404);
        assertThat(resource.delete("acme", registered.id(), key("k2", "acme")).getStatus())
                .isEqualTo(404);
        assertThat(resource.delete("acme", registered.id(), key("k1", "acme")).getStatus())
                .isEqualTo(204);
    }

    @Test
    void anotherDossierLooksLikeNoDossier() {
        Response other =
                resource.register(
                        "other", new NewWebhook("https://93.184.216.34/hook"), key("k1", "acme"));
        Response none = resource.list("nowhere", admin());
        assertThat(other.getStatus()).isEqualTo(404);
        assertThat(((Problem) other.getEntity()).type()).isEqualTo("urn:facteur:problem:not-found");
        assertThat(none.getStatus()).isEqualTo(404);
        assertThat(((Problem) none.getEntity()).title())
                .isEqualTo(((Problem) other.getEntity()).title());
    }

    @Test
    void privateAndPlainHttpUrlsAreRefusedAndTheNumberOfWebhooksIsBounded() {
        for (String url :
                List.of("https://169.254.169.254/", "http://93.184.216.34/", "not a url")) {
            Response refused = resource.register("acme", new NewWebhook(url), key("k1", "acme"));
            assertThat(refused.getStatus()).as(url).isEqualTo(400);
            assertThat(((Problem) refused.getEntity()).type())
                    .isEqualTo("urn:facteur:problem:webhook-url-refused");
            assertThat(refused.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        }
        assertThat(resource.register("acme", null, key("k1", "acme")).getStatus()).isEqualTo(400);
        for (int i = 0; i < 5; i++) {
            assertThat(
                            resource.register(
                                            "acme",
                                            new NewWebhook("https://93.184.216.34/" + i),
                                            key("k1", "acme"))
                                    .getStatus())
                    .isEqualTo(201);
        }
        Response sixth =
                resource.register(
                        "acme", new NewWebhook("https://93.184.216.34/6"), key("k1", "acme"));
        assertThat(sixth.getStatus()).isEqualTo(409);
        Response admins =
                resource.register("acme", new NewWebhook("https://93.184.216.34/all"), admin());
        assertThat(((Registered) admins.getEntity()).scope()).isEqualTo("dossier");
    }

    @Test
    void eventsAreFilteredByAKnownState() {
        Registered hook =
                (Registered)
                        resource.register(
                                        "acme",
                                        new NewWebhook("https://93.184.216.34/hook"),
                                        key("k1", "acme"))
                                .getEntity();
        assertThat(resource.events("acme", hook.id(), "failed", 50, key("k1", "acme")).getStatus())
                .isEqualTo(200);
        assertThat(resource.events("acme", hook.id(), "LOST", 50, key("k1", "acme")).getStatus())
                .isEqualTo(400);
        assertThat(resource.events("acme", hook.id(), null, 501, admin()).getStatus())
                .isEqualTo(400);
        assertThat(Texts.of(Locale.FRENCH).format("url.private", "10.0.0.1"))
                .startsWith("L'URL du webhook");
    }

    private static SecurityContext key(String id, String dossier) {
        return caller(id, false, dossier);
    }

    private static SecurityContext admin() {
        return caller("admin", true, null);
    }

    private static SecurityContext caller(String name, boolean admin, String dossier) {
        Principal principal = () -> name;
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return admin || role.equals(Roles.dossier(dossier));
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return admin ? BASIC_AUTH : "Bearer";
            }
        };
    }
}
