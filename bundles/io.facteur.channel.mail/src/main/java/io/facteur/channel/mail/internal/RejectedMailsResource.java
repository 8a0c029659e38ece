package io.facteur.channel.mail.internal;

import io.facteur.api.Roles;
import java.sql.SQLException;
import java.util.List;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/mail-import/rejected}: the mails kept in Rejected, newest first (admins). */
@Component(service = RejectedMailsResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=facteur)")
@Path("mail-import/rejected")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class RejectedMailsResource {
    /** Most rows one request returns. */
    static final int MAX_LIMIT = 1000;

    private final Logger logger = LoggerFactory.getLogger(RejectedMailsResource.class);

    // the mailbox reader is restarted when the platform's settings change: a static reference would
    // restart this resource with it, and the JAX-RS whiteboard would redeploy the whole application
    @Reference(
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile MailboxReader reader;

    @Activate
    public RejectedMailsResource() {}

    /** With a given reader (tests). */
    RejectedMailsResource(MailboxReader reader) {
        this.reader = reader;
    }

    @GET
    public List<RejectedMail> rejected(
            @QueryParam("dossier") String dossier,
            @QueryParam("limit") @DefaultValue("200") int limit,
            @Context SecurityContext security,
            @Context HttpHeaders headers) {
        ProblemTexts texts = new ProblemTexts(Requests.locale(headers));
        if (security == null || !security.isUserInRole(Roles.ADMIN)) {
            throw texts.problem("forbidden", 403, "problem.forbidden").exception();
        }
        String filter = dossier == null || dossier.isBlank() ? null : dossier.strip();
        MailboxReader now = reader;
        if (now == null) { // restarting with new settings
            throw texts.problem("unavailable", 503, "problem.unavailable").exception();
        }
        try {
            return now.ledger().rejected(filter, Math.max(1, Math.min(limit, MAX_LIMIT))).stream()
                    .map(
                            r ->
                                    new RejectedMail(
                                            r.seq(),
                                            r.dossier(),
                                            r.sender(),
                                            r.subject(),
                                            r.messageId(),
                                            r.reason().name(),
                                            texts.reason(r.reason().name()),
                                            r.detail(),
                                            r.at()))
                    .toList();
        } catch (SQLException e) {
            logger.warn("Mail import: rejected mails not read: {}", e.toString());
            throw texts.problem("unavailable", 503, "problem.unavailable").exception();
        }
    }
}
