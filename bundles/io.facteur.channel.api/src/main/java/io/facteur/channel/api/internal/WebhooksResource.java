package io.facteur.channel.api.internal;

import io.facteur.api.Dossiers;
import io.facteur.api.Roles;
import io.facteur.channel.api.internal.Outbox.Event;
import io.facteur.channel.api.internal.Webhooks.Signed;
import io.facteur.channel.api.internal.Webhooks.Webhook;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/dossiers/{d}/webhooks}: invoicing software registers, lists and deletes its webhooks
 * with its API key; an admin sees every webhook of the dossier with its failures, and may register
 * one for the whole dossier.
 */
// its settings come from SettingsHolder: a configuration of its own would change its service
// properties, and the whiteboard would redeploy the application at each change
@Component(service = WebhooksResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=facteur)")
@Path("dossiers/{dossier}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Webhooks",
        description =
                "Signed notifications of invoice status changes, for connected invoicing software")
public class WebhooksResource {
    private final Logger logger = LoggerFactory.getLogger(WebhooksResource.class);
    private final Dossiers dossiers;
    private final Webhooks webhooks;
    private final Outbox outbox;
    private final SettingsHolder settings;

    @Context HttpHeaders headers;

    @Activate
    public WebhooksResource(
            @Reference ChannelDatabase database,
            @Reference Dossiers dossiers,
            @Reference SettingsHolder settings) {
        this.dossiers = dossiers;
        this.webhooks = new Webhooks(database);
        this.outbox = new Outbox(database);
        this.settings = settings;
    }

    /** With fixed settings (tests). */
    WebhooksResource(ChannelDatabase database, Dossiers dossiers, ApiChannelSettings settings) {
        this(database, dossiers, new SettingsHolder(settings));
    }

    /**
     * A webhook to register.
     *
     * @param url where Facteur posts the events: https, public host
     */
    public record NewWebhook(String url) {}

    /**
     * A registered webhook; its secret is in this answer only.
     *
     * @param id its id
     * @param url where events go
     * @param scope {@code key}: the changes of the invoices this key brought; {@code dossier}:
     *     every change of the dossier
     * @param secret the secret that signs its events
     * @param createdAt when
     */
    public record Registered(
            String id, String url, String scope, String secret, Instant createdAt) {}

    /**
     * A webhook as listed.
     *
     * @param id its id
     * @param url where events go
     * @param scope {@code key} or {@code dossier}
     * @param keyId the API key it belongs to, null for the dossier
     * @param createdBy who registered it
     * @param createdAt when
     * @param state ACTIVE, RETRYING (events wait for a retry) or FAILING (the last finished event
     *     was given up)
     * @param retrying events waiting for a retry
     * @param lastFailure the last event given up, null when none
     */
    public record Listed(
            String id,
            String url,
            String scope,
            String keyId,
            String createdBy,
            Instant createdAt,
            String state,
            int retrying,
            Sent lastFailure) {}

    /**
     * An event as listed.
     *
     * @param id its id ({@code Facteur-Event-Id})
     * @param invoice the invoice id
     * @param status the invoice status it tells of
     * @param state PENDING, DELIVERED or FAILED
     * @param attempts sends tried
     * @param createdAt when it was written
     * @param lastAttemptAt when it was last sent, null before the first send
     * @param nextAttemptAt when it is sent next, null unless PENDING
     * @param lastStatus the HTTP status the receiver last answered, null when none
     * @param lastError why the last send failed, in the caller's language, null when it did not
     */
    public record Sent(
            String id,
            String invoice,
            String status,
            String state,
            int attempts,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Integer lastStatus,
            String lastError) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register a webhook; its signing secret is in this answer only",
            description =
                    "With an API key: the webhook gets the status changes of the invoices this key"
                            + " pushed. With an admin's credentials: every change of the dossier."
                            + " The URL must be https on a public host. Events are POSTed as JSON"
                            + " with Facteur-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of"
                            + " '<t>.<body>' keyed with the secret> and Facteur-Event-Id.")
    public Response register(
            @PathParam("dossier") String dossier,
            NewWebhook body,
            @Context SecurityContext security) {
        Texts texts = texts();
        return answer(
                texts,
                () -> {
                    visible(security, dossier, texts);
                    ApiChannelSettings now = settings.get();
                    String url = body == null ? null : body.url();
                    URI uri;
                    try {
                        uri = WebhookTargets.of(now).accept(url);
                    } catch (WebhookTargets.Refused r) {
                        throw new Refusal(
                                Problem.of(
                                        Problem.Kind.WEBHOOK_URL_REFUSED,
                                        texts,
                                        r.key,
                                        r.argument));
                    }
                    String caller = security.getUserPrincipal().getName();
                    String keyId = admin(security) ? null : caller;
                    Optional<Signed> made =
                            webhooks.register(
                                    dossier, keyId, uri.toString(), caller, now.maxWebhooks());
                    if (made.isEmpty()) {
                        throw new Refusal(
                                Problem.of(
                                        Problem.Kind.CONFLICT,
                                        texts,
                                        "webhook.limit",
                                        now.maxWebhooks()));
                    }
                    Webhook hook = made.get().webhook();
                    logger.info(
                            "Webhook {} of dossier {} registered by {}",
                            hook.id(),
                            dossier,
                            caller);
                    return Response.status(Response.Status.CREATED)
                            .location(URI.create("dossiers/" + dossier + "/webhooks/" + hook.id()))
                            .entity(
                                    new Registered(
                                            hook.id(),
                                            hook.url(),
                                            scope(hook),
                                            made.get().secret(),
                                            hook.createdAt()))
                            .build();
                });
    }

    @GET
    @Operation(
            summary = "The webhooks: an API key's own, or all of the dossier for an admin",
            description =
                    "Never the secrets. state is ACTIVE, RETRYING or FAILING; lastFailure is the"
                            + " last event given up.")
    public Response list(@PathParam("dossier") String dossier, @Context SecurityContext security) {
        Texts texts = texts();
        return answer(
                texts,
                () -> {
                    visible(security, dossier, texts);
                    List<Listed> out = new ArrayList<>();
                    for (Webhook hook : webhooks.list(dossier, ownerFilter(security))) {
                        out.add(listed(hook, texts));
                    }
                    return Response.ok(out).build();
                });
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One webhook, with its state and last failure")
    public Response one(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security) {
        Texts texts = texts();
        return answer(
                texts,
                () -> Response.ok(listed(find(security, dossier, id, texts), texts)).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a webhook and its pending events")
    public Response delete(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security) {
        Texts texts = texts();
        return answer(
                texts,
                () -> {
                    visible(security, dossier, texts);
                    if (!webhooks.delete(dossier, id, ownerFilter(security))) {
                        throw notFound(texts, "webhook.unknown", id);
                    }
                    logger.info(
                            "Webhook {} of dossier {} deleted by {}",
                            id,
                            dossier,
                            security.getUserPrincipal().getName());
                    return Response.noContent().build();
                });
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The webhook's events, newest first; state PENDING, DELIVERED or FAILED")
    public Response events(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Parameter(description = "PENDING, DELIVERED or FAILED") @QueryParam("state")
                    String state,
            @QueryParam("limit") @DefaultValue("50") int limit,
            @Context SecurityContext security) {
        Texts texts = texts();
        return answer(
                texts,
                () -> {
                    find(security, dossier, id, texts);
                    String wanted =
                            state == null || state.isBlank()
                                    ? null
                                    : state.strip().toUpperCase(Locale.ROOT);
                    if ((wanted != null
                                    && !List.of(Outbox.PENDING, Outbox.DELIVERED, Outbox.FAILED)
                                            .contains(wanted))
                            || limit < 1
                            || limit > 500) {
                        throw new Refusal(
                                Problem.of(Problem.Kind.MALFORMED_REQUEST, texts, "events.query"));
                    }
                    List<Sent> out = new ArrayList<>();
                    for (Event e : outbox.of(id, wanted, limit)) {
                        out.add(sent(e, texts));
                    }
                    return Response.ok(out).build();
                });
    }

    private Listed listed(Webhook hook, Texts texts) throws SQLException {
        Optional<Event> lastFinished = outbox.lastFinished(hook.id(), null);
        Optional<Event> lastFailed = outbox.lastFinished(hook.id(), Outbox.FAILED);
        int retrying = outbox.retrying(hook.id());
        String state =
                lastFinished.map(e -> Outbox.FAILED.equals(e.state())).orElse(false)
                        ? "FAILING"
                        : retrying > 0 ? "RETRYING" : "ACTIVE";
        return new Listed(
                hook.id(),
                hook.url(),
                scope(hook),
                hook.keyId(),
                hook.createdBy(),
                hook.createdAt(),
                state,
                retrying,
                lastFailed.map(e -> sent(e, texts)).orElse(null));
    }

    private static Sent sent(Event e, Texts texts) {
        return new Sent(
                e.id(),
                e.invoiceId(),
                e.status(),
                e.state(),
                e.attempts(),
                e.createdAt(),
                e.lastAt(),
                Outbox.PENDING.equals(e.state()) ? e.nextAt() : null,
                e.lastStatus(),
                error(e.lastError(), texts));
    }

    /** A stored {@code KIND|detail} in the caller's language. */
    static String error(String stored, Texts texts) {
        if (stored == null) {
            return null;
        }
        int bar = stored.indexOf('|');
        String kind = bar < 0 ? stored : stored.substring(0, bar);
        String detail = bar < 0 ? "" : stored.substring(bar + 1);
        try {
            return texts.format("error." + kind, detail);
        } catch (java.util.MissingResourceException e) {
            return stored;
        }
    }

    private Webhook find(SecurityContext security, String dossier, String id, Texts texts)
            throws SQLException {
        visible(security, dossier, texts);
        return webhooks.list(dossier, ownerFilter(security)).stream()
                .filter(w -> w.id().equals(id))
                .findFirst()
                .orElseThrow(() -> notFound(texts, "webhook.unknown", id));
    }

    /** 404 unless the caller may see the dossier and it exists. */
    private void visible(SecurityContext security, String dossier, Texts texts) {
        if (security.getUserPrincipal() == null
                || !security.isUserInRole(Roles.dossier(dossier))
                || dossiers.find(dossier).isEmpty()) {
            throw notFound(texts, "dossier.unknown", dossier);
        }
    }

    private static boolean admin(SecurityContext security) {
        return security.isUserInRole(Roles.ADMIN);
    }

    /** The key whose webhooks the caller sees; null (all of them) for an admin. */
    private static String ownerFilter(SecurityContext security) {
        return admin(security) ? null : security.getUserPrincipal().getName();
    }

    private static String scope(Webhook hook) {
        return hook.keyId() == null ? "dossier" : "key";
    }

    private static Refusal notFound(Texts texts, String key, String what) {
        String shown = what.length() > 64 ? what.substring(0, 64) + "…" : what;
        return new Refusal(Problem.of(Problem.Kind.NOT_FOUND, texts, key, shown));
    }

    private Texts texts() {
        return Texts.of(headers::getAcceptableLanguages);
    }

    private Response answer(Texts texts, Work work) {
        try {
            return work.run();
        } catch (Refusal r) {
            return r.problem.response(texts);
        } catch (SQLException e) {
            logger.warn("Webhooks not read or written: {}", e.toString());
            return Problem.of(Problem.Kind.UNAVAILABLE, texts, "database.unavailable")
                    .response(texts);
        }
    }

    @FunctionalInterface
    private interface Work {
        Response run() throws SQLException;
    }

    /** A refusal answered as a problem document. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        Refusal(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }
    }
}
