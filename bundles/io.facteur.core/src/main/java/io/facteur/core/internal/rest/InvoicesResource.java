package io.facteur.core.internal.rest;

import io.facteur.api.Inbox.Source;
import io.facteur.api.InboxException;
import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.inbox.DocumentTooLargeException;
import io.facteur.core.internal.inbox.EmptyDocumentException;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceFilter;
import io.facteur.core.internal.inbox.InvoiceStatus;
import io.facteur.core.internal.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/dossiers/{d}/invoices}: import documents into the inbox, and list invoices. */
@Component(service = InvoicesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class InvoicesResource {
    private final DossierService dossiers;
    private final InboxService inbox;

    @Activate
    public InvoicesResource(@Reference DossierService dossiers, @Reference InboxService inbox) {
        this.dossiers = dossiers;
        this.inbox = inbox;
    }

    /**
     * What became of one file.
     *
     * @param fileName its name as sent
     * @param outcome ACCEPTED, ALREADY_THERE or REJECTED
     * @param id the invoice id (the existing one when already there)
     * @param reason why it was rejected
     */
    public record Result(String fileName, String outcome, String id, String reason) {}

    @POST
    @Consumes({"application/pdf", "application/xml", "text/xml"})
    @Operation(
            summary =
                    "Import one file sent as the body; 202 with its id, 200 when the same bytes are there already")
    @io.swagger.v3.oas.annotations.Parameter(
            in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
            name = "Idempotency-Key",
            required = false,
            description =
                    "With the facteur-channel-api feature: 1 to 255 printable ASCII characters; the"
                            + " same key with the same body answers the first answer again"
                            + " (Idempotent-Replayed: true), with another body 409")
    public Response importRaw(
            @PathParam("dossier") String dossier,
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String length,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @QueryParam("name") String name,
            @Context SecurityContext security)
            throws IOException, SQLException {
        Caller caller = check(security, dossier);
        if (length != null && parse(length) > inbox.config().maxFileBytes()) {
            throw tooLarge();
        }
        Result r = receive(dossier, body, name, type, caller);
        if ("REJECTED".equals(r.outcome())) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, r.reason());
        }
        URI location = URI.create("dossiers/" + dossier + "/invoices/" + r.id());
        return Response.status("ACCEPTED".equals(r.outcome()) ? 202 : 200)
                .location(location)
                .entity(r)
                .build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import one or several files sent as multipart parts; the result of each")
    @io.swagger.v3.oas.annotations.Parameter(
            in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
            name = "Idempotency-Key",
            required = false,
            description =
                    "With the facteur-channel-api feature: 1 to 255 printable ASCII characters; the"
                            + " same key with the same body answers the first answer again"
                            + " (Idempotent-Replayed: true), with another body 409")
    public Response importParts(
            @PathParam("dossier") String dossier,
            MultipartBody body,
            @Context SecurityContext security)
            throws IOException, SQLException {
        Caller caller = check(security, dossier);
        List<Result> results = new ArrayList<>();
        for (Attachment part : body.getAllAttachments()) {
            String name =
                    part.getContentDisposition() == null
                            ? null
                            : part.getContentDisposition().getParameter("filename");
            if (name == null
                    && part.getContentDisposition() != null
                    && part.getContentDisposition().getParameter("name") != null
                    && part.getContentDisposition().getParameter("filename") == null
                    && part.getContentType() != null
                    && part.getContentType().isCompatible(MediaType.TEXT_PLAIN_TYPE)) {
                continue; // a plain form field, not a file
            }
            try (InputStream in = part.getDataHandler().getInputStream()) {
                results.add(
                        receive(
                                dossier,
                                in,
                                name,
                                part.getContentType() == null
                                        ? null
                                        : part.getContentType().toString(),
                                caller));
            } catch (DocumentTooLargeException | EmptyDocumentException e) {
                results.add(new Result(name, "REJECTED", null, e.getMessage()));
            }
        }
        if (results.isEmpty()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "No file in the request");
        }
        boolean accepted = results.stream().anyMatch(r -> r.outcome().equals("ACCEPTED"));
        return Response.status(accepted ? 202 : 200).entity(results).build();
    }

    private Result receive(String dossier, InputStream in, String name, String type, Caller caller)
            throws IOException, SQLException {
        try {
            InboxService.Received r =
                    inbox.receive(
                            dossier,
                            in,
                            name,
                            type,
                            new Source(
                                    "api",
                                    caller.admin()
                                            ? "user " + caller.name()
                                            : "key " + caller.name()));
            return new Result(name, r.alreadyKnown() ? "ALREADY_THERE" : "ACCEPTED", r.id(), null);
        } catch (InboxException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (DocumentTooLargeException e) {
            throw tooLarge();
        } catch (EmptyDocumentException e) {
            return new Result(name, "REJECTED", null, e.getMessage());
        }
    }

    @GET
    @Operation(
            summary =
                    "Invoices of the dossier, newest first; filters: status, from, to (issue date), buyer, number, q")
    public List<InvoiceView> list(
            @PathParam("dossier") String dossier,
            @QueryParam("status") String status,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("buyer") String buyer,
            @QueryParam("number") String number,
            @QueryParam("q") String text,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("50") int limit,
            @Context SecurityContext security)
            throws SQLException {
        check(security, dossier);
        if (offset < 0 || limit < 1 || limit > 500) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST, "offset >= 0 and 1 <= limit <= 500");
        }
        InvoiceFilter filter =
                new InvoiceFilter(
                        status(status),
                        date("from", from),
                        date("to", to),
                        blank(buyer),
                        blank(number),
                        blank(text),
                        offset,
                        limit);
        return inbox.invoices().list(dossier, filter).stream().map(InvoiceView::summary).toList();
    }

    private Caller check(SecurityContext security, String dossier) {
        Access.dossier(security, dossiers, dossier);
        return Access.caller(security);
    }

    private ProblemException tooLarge() {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE,
                "Files are limited to " + inbox.config().maxFileBytes() + " bytes");
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Invalid Content-Length");
        }
    }

    private static InvoiceStatus status(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return InvoiceStatus.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST,
                    "status is one of " + java.util.Arrays.toString(InvoiceStatus.values()));
        }
    }

    private static LocalDate date(String what, String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST, what + " is a date such as 2026-01-31");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
