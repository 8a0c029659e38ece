package io.facteur.channel.mail.internal;

import io.facteur.api.Dossiers;
import io.facteur.channel.mail.internal.DossierImports.DossierImport;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/dossiers/{d}/mail-import}: a dossier's import address, token and trusted senders;
 * {@code POST .../token} replaces the token, and the old one stops matching at once.
 */
@Component(service = DossierMailImportResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=facteur)")
@Path("dossiers/{dossier}/mail-import")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class DossierMailImportResource {
    private final Dossiers dossiers;
    private final DossierImports imports;

    // the mailbox reader is restarted when the platform's settings change: a static reference would
    // restart this resource with it, and the JAX-RS whiteboard would redeploy the whole application
    @Reference(
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile MailboxReader reader;

    @Activate
    public DossierMailImportResource(
            @Reference Dossiers dossiers, @Reference DossierImports imports) {
        this.dossiers = dossiers;
        this.imports = imports;
    }

    /** With a given reader (tests). */
    DossierMailImportResource(Dossiers dossiers, DossierImports imports, MailboxReader reader) {
        this(dossiers, imports);
        this.reader = reader;
    }

    @GET
    public DossierMailImport get(
            @PathParam("dossier") String dossier,
            @Context SecurityContext security,
            @Context HttpHeaders headers) {
        ProblemTexts texts = new ProblemTexts(Requests.locale(headers));
        Requests.dossier(security, dossiers, dossier, texts);
        return view(imports.get(dossier), texts);
    }

    @POST
    @Path("token")
    public DossierMailImport regenerate(
            @PathParam("dossier") String dossier,
            @Context SecurityContext security,
            @Context HttpHeaders headers) {
        ProblemTexts texts = new ProblemTexts(Requests.locale(headers));
        Requests.dossier(security, dossiers, dossier, texts);
        imports.regenerate(dossier);
        return view(imports.get(dossier), texts);
    }

    private DossierMailImport view(DossierImport d, ProblemTexts texts) {
        MailboxReader now = reader;
        if (now == null) { // restarting with new settings
            throw texts.problem("unavailable", 503, "problem.unavailable").exception();
        }
        MailImportSettings s = now.settings();
        return new DossierMailImport(
                d.dossier(),
                ImportAddress.hint(s.importAddress(), d.token()),
                d.token(),
                d.trustedSenders(),
                s.requireSenderAuthentication());
    }
}
