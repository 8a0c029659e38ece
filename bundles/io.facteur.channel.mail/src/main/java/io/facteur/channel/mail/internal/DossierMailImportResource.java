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
    private final MailboxReader reader;

    @Activate
    public DossierMailImportResource(
            @Reference Dossiers dossiers,
            @Reference DossierImports imports,
            @Reference MailboxReader reader) {
        this.dossiers = dossiers;
        this.imports = imports;
        this.reader = reader;
    }

    @GET
    public DossierMailImport get(
            @PathParam("dossier") String dossier,
            @Context SecurityContext security,
            @Context HttpHeaders headers) {
        Requests.dossier(security, dossiers, dossier, new ProblemTexts(Requests.locale(headers)));
        return view(imports.get(dossier));
    }

    @POST
    @Path("token")
    public DossierMailImport regenerate(
            @PathParam("dossier") String dossier,
            @Context SecurityContext security,
            @Context HttpHeaders headers) {
        Requests.dossier(security, dossiers, dossier, new ProblemTexts(Requests.locale(headers)));
        imports.regenerate(dossier);
        return view(imports.get(dossier));
    }

    private DossierMailImport view(DossierImport d) {
        MailImportSettings s = reader.settings();
        return new DossierMailImport(
                d.dossier(),
                ImportAddress.hint(s.importAddress(), d.token()),
                d.token(),
                d.trustedSenders(),
                s.requireSenderAuthentication());
    }
}
