package io.facteur.core.internal.rest;

import io.facteur.api.Archive;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.pipeline.Pipeline;
import io.facteur.core.internal.render.InvoiceRenderings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
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

/**
 * {@code /api/dossiers/{d}/invoices/{id}}: one invoice as read and checked, the file exactly as
 * received, its invoice XML, and a PDF to look at.
 */
@Component(service = InvoiceResource.class)
@JaxrsResource
@JaxrsApplicationSelect(FacteurApplication.SELECT)
@Path("dossiers/{dossier}/invoices/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {
    private static final String PDF = "application/pdf";
    private final DossierService dossiers;
    private final InboxService inbox;
    private final Pipeline pipeline;
    private final InvoiceRenderings renderings;
    private final io.facteur.core.internal.delivery.Deliveries deliveries;

    @Reference(
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile Archive archive;

    @Activate
    public InvoiceResource(
            @Reference DossierService dossiers,
            @Reference InboxService inbox,
            @Reference Pipeline pipeline,
            @Reference InvoiceRenderings renderings,
            @Reference io.facteur.core.internal.delivery.Deliveries deliveries) {
        this.dossiers = dossiers;
        this.inbox = inbox;
        this.pipeline = pipeline;
        this.renderings = renderings;
        this.deliveries = deliveries;
    }

    /**
     * What to send.
     *
     * @param channel a delivery channel's capability id ({@code delivery.mail}, {@code
     *     delivery.postal}); empty for the customer's preferred channel, else the first installed
     *     channel that reaches the customer
     */
    public record SendRequest(String channel) {}

    /**
     * One delivery as JSON.
     *
     * @param id the delivery id
     * @param channel the channel, null while not chosen
     * @param state where it stands
     * @param recipient to whom
     * @param reference the channel's id of what it sent (a Message-ID)
     * @param detail the last thing said of it
     * @param requestedBy who asked
     * @param createdAt when
     * @param correctUntil for a bounce, the end of the correction window
     * @param replacedBy the delivery that took over
     */
    public record DeliveryView(
            String id,
            String channel,
            String state,
            String recipient,
            String reference,
            String detail,
            String requestedBy,
            java.time.Instant createdAt,
            java.time.Instant correctUntil,
            String replacedBy) {
        static DeliveryView of(io.facteur.core.internal.delivery.DeliveryRow d) {
            return new DeliveryView(
                    d.id(),
                    d.channel(),
                    d.state().name(),
                    d.recipient(),
                    d.reference(),
                    d.detail(),
                    d.requestedBy(),
                    d.createdAt(),
                    d.correctUntil(),
                    d.replacedBy());
        }
    }

    @POST
    @Path("send")
    @javax.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Send the invoice to its customer now: 202 and the queued delivery, or a 409"
                            + " problem (urn:facteur:problem:delivery-refused) with the reason when"
                            + " the dossier's rules refuse it (a duplicate in block mode, an invalid"
                            + " invoice); the refusal is on the timeline too")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "409", description = "Refused by the dossier's rules")
    public Response send(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            SendRequest request,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers,
            @Context SecurityContext security)
            throws SQLException {
        check(security, dossier);
        io.facteur.core.internal.security.Caller caller = Access.caller(security);
        InvoiceRow row = row(dossier, id);
        String channel =
                request == null || request.channel() == null || request.channel().isBlank()
                        ? null
                        : request.channel().trim();
        if (channel != null && !channel.matches("[a-z0-9][a-z0-9.-]{0,63}")) {
            throw new ProblemException(
                    ProblemType.MALFORMED_REQUEST,
                    "channel: a capability id such as delivery.mail",
                    List.of(new Problem.FieldError("channel", "a capability id")));
        }
        try {
            io.facteur.core.internal.delivery.DeliveryRow d =
                    deliveries.request(
                            dossier,
                            row.id(),
                            channel,
                            (caller.admin() ? "" : "key ") + caller.name());
            return Response.accepted(DeliveryView.of(d)).build();
        } catch (io.facteur.core.internal.delivery.Deliveries.RefusedException e) {
            Locale language = RenderingLanguage.of(lang, acceptableLanguages(headers));
            throw new ProblemException(ProblemType.DELIVERY_REFUSED, e.reason().text(language));
        }
    }

    @GET
    @Path("deliveries")
    @Operation(summary = "The invoice's deliveries, oldest first")
    public List<DeliveryView> deliveries(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security)
            throws SQLException {
        check(security, dossier);
        InvoiceRow row = row(dossier, id);
        return deliveries.ofInvoice(row.id()).stream().map(DeliveryView::of).toList();
    }

    @GET
    @Operation(
            summary = "One invoice: what was read, its validation findings and its timeline",
            description =
                    "The timeline and the reason in the lang parameter's language, otherwise the"
                            + " first of fr, en, de in Accept-Language, otherwise fr")
    public InvoiceView get(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Parameter(
                            description = "The language of the timeline; overrides Accept-Language",
                            schema = @Schema(allowableValues = {"fr", "en", "de"}))
                    @QueryParam("lang")
                    String lang,
            @Context HttpHeaders headers,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        Locale language = RenderingLanguage.of(lang, acceptableLanguages(headers));
        InvoiceRow row = row(dossier, id);
        String customer;
        try (java.sql.Connection c = inbox.database().connection()) {
            customer = inbox.invoices().customerOf(c, row.id()).orElse(null);
        }
        return InvoiceView.detail(
                        row,
                        inbox.derived().invoice(row.id()).orElse(null),
                        inbox.derived().report(row.id()).orElse(null),
                        inbox.invoices().timeline(row.id()),
                        language)
                .withCustomer(customer);
    }

    @POST
    @Path("not-duplicate")
    @Operation(
            summary =
                    "Mark a DUPLICATE invoice as not a duplicate: recorded on its timeline with who"
                            + " and when; it is then READY and may be sent")
    public InvoiceView notDuplicate(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @QueryParam("lang") String lang,
            @Context HttpHeaders headers,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        io.facteur.core.internal.security.Caller caller = Access.caller(security);
        InvoiceRow row = row(dossier, id);
        try (java.sql.Connection c = inbox.database().connection()) {
            c.setAutoCommit(false);
            try {
                InvoiceRow now = inbox.invoices().find(c, row.id()).orElseThrow();
                if (now.status() != io.facteur.core.internal.inbox.InvoiceStatus.DUPLICATE) {
                    c.rollback();
                    throw new ProblemException(
                            ProblemType.CONFLICT,
                            "Invoice " + id + " is " + now.status() + ", not a DUPLICATE");
                }
                inbox.invoices()
                        .event(
                                c,
                                row.id(),
                                io.facteur.core.internal.pipeline.Steps.DUPLICATES,
                                "released",
                                io.facteur.core.internal.inbox.Message.of(
                                        "duplicates.released",
                                        (caller.admin() ? "" : "key ") + caller.name()));
                inbox.invoices()
                        .status(
                                c,
                                row.id(),
                                io.facteur.core.internal.inbox.InvoiceStatus.READY,
                                null);
                // released: the dossier's automatic delivery sends it if it was held back
                if (inbox.invoices()
                        .hasEvent(
                                c,
                                row.id(),
                                io.facteur.core.internal.pipeline.Steps.ARCHIVE,
                                "ok")) {
                    deliveries.automatic(c, inbox.invoices().find(c, row.id()).orElseThrow());
                }
                c.commit();
                inbox.queue().enqueued();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return get(dossier, id, lang, headers, security);
    }

    @GET
    @Path("proof")
    @Operation(
            summary =
                    "Proof that the archived original is untouched: its SHA-256, its journal entry,"
                            + " the Merkle path to its seal and the seal (with its timestamp when a"
                            + " time-stamping authority is configured)")
    public ProofView proof(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security)
            throws SQLException {
        check(security, dossier);
        InvoiceRow row = row(dossier, id);
        Archive current = archive;
        if (current == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "No archive is installed");
        }
        Archive.Proof proof =
                current.proof(dossier, row.id())
                        .orElseThrow(
                                () ->
                                        ProblemException.notFound(
                                                "Invoice " + id + " is not archived yet"));
        return new ProofView(
                proof.documentId(),
                proof.sha256(),
                proof.size(),
                proof.journalLine(),
                proof.entryHash(),
                proof.path(),
                proof.seal().orElse(null));
    }

    /**
     * A proof as JSON: {@code seal} is null while the entry waits for its seal.
     *
     * @param documentId the invoice
     * @param sha256 the hex SHA-256 of the archived original
     * @param size its size in bytes
     * @param journalLine the journal line that records it, as written
     * @param entryHash the SHA-256 of that line
     * @param path the Merkle path from the entry to the seal's root
     * @param seal the seal that closes it, or null
     */
    public record ProofView(
            String documentId,
            String sha256,
            long size,
            String journalLine,
            String entryHash,
            java.util.List<Archive.MerkleStep> path,
            Archive.Seal seal) {}

    @GET
    @Path("original")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The document exactly as it was received")
    public Response original(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        InvoiceRow row = row(dossier, id);
        return Response.ok(inbox.documents().read(row.sha256()), safeType(row.mediaType()))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + row.fileName().replace("\"", "") + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("xml")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(
            summary =
                    "The invoice XML: the document itself, or the XML embedded in a Factur-X / ZUGFeRD PDF")
    public Response xml(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        InvoiceRow row = row(dossier, id);
        byte[] xml = invoiceXml(row, inbox.documents().read(row.sha256()));
        return Response.ok(xml, MediaType.APPLICATION_XML_TYPE) // the XML declares its encoding
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("pdf")
    @Produces(PDF)
    @Operation(
            summary =
                    "The invoice as PDF: the document itself when it is a PDF, otherwise its invoice"
                            + " XML laid out by an installed renderer",
            description =
                    "Labels in the lang parameter's language, otherwise the first of fr, en, de in"
                            + " Accept-Language, otherwise fr. A rendering is kept: the next request"
                            + " for the same document and language is answered at once.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The PDF, shown inline",
                        content = @Content(mediaType = PDF)),
                @ApiResponse(responseCode = "400", description = "lang is not fr, en or de"),
                @ApiResponse(
                        responseCode = "404",
                        description =
                                "No such invoice, or it is no invoice XML a renderer can lay out"),
                @ApiResponse(
                        responseCode = "503",
                        description =
                                "No installed renderer lays out its syntax, its reader is not"
                                        + " installed, or every renderer is busy")
            })
    public Response pdf(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Parameter(
                            description = "The labels' language; overrides Accept-Language",
                            schema = @Schema(allowableValues = {"fr", "en", "de"}))
                    @QueryParam("lang")
                    String lang,
            @Context HttpHeaders headers,
            @Context SecurityContext security)
            throws SQLException, IOException {
        check(security, dossier);
        Locale language = RenderingLanguage.of(lang, acceptableLanguages(headers));
        InvoiceRow row = row(dossier, id);
        byte[] original = inbox.documents().read(row.sha256());
        if (InvoiceRenderings.isPdf(original)) {
            return inline(original, row.fileName(), null);
        }
        Document xml =
                new Document(row.fileName(), MediaType.APPLICATION_XML, invoiceXml(row, original));
        try {
            byte[] pdf =
                    renderings
                            .pdf(
                                    row.sha256(),
                                    xml,
                                    new Syntax(row.format(), row.profile()),
                                    language)
                            .orElseThrow(
                                    () ->
                                            new ProblemException(
                                                    ProblemType.UNAVAILABLE,
                                                    "No installed renderer shows "
                                                            + row.format()
                                                            + " invoices as PDF"));
            return inline(pdf, row.fileName(), language);
        } catch (UnreadableInvoiceException e) {
            throw ProblemException.notFound(
                    "Invoice " + id + " cannot be shown as PDF: " + e.getMessage());
        } catch (InvoiceRenderings.BusyException e) {
            throw new ProblemException(
                    ProblemType.UNAVAILABLE,
                    "Every invoice renderer is busy; try again in a minute");
        }
    }

    /** The invoice XML the original carries, through the reader that recognised it. */
    private byte[] invoiceXml(InvoiceRow row, byte[] original) {
        if (row.reader() == null) {
            throw ProblemException.notFound(
                    "Invoice " + row.id() + " was not recognised as an invoice");
        }
        InvoiceReader reader =
                pipeline.reader(row.reader())
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                ProblemType.UNAVAILABLE,
                                                "The reader "
                                                        + row.reader()
                                                        + " is not installed"));
        return reader.invoiceXml(new Document(row.fileName(), row.mediaType(), original))
                .orElseThrow(
                        () -> ProblemException.notFound("Invoice " + row.id() + " carries no XML"));
    }

    /** A PDF shown in the browser, never sniffed as anything else. */
    private static Response inline(byte[] pdf, String fileName, Locale language) {
        String base = fileName.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        String safe = base.replaceAll("[^A-Za-z0-9._ -]", "_");
        Response.ResponseBuilder response =
                Response.ok(pdf, PDF)
                        .header(
                                "Content-Disposition",
                                "inline; filename=\""
                                        + (safe.isBlank() ? "invoice" : safe)
                                        + ".pdf\"")
                        .header("X-Content-Type-Options", "nosniff");
        if (language != null) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, language.getLanguage())
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
        return response.build();
    }

    private static List<Locale> acceptableLanguages(HttpHeaders headers) {
        try {
            return headers == null ? List.of() : headers.getAcceptableLanguages();
        } catch (RuntimeException e) {
            return List.of(); // a malformed Accept-Language counts as none
        }
    }

    private void check(SecurityContext security, String dossier) {
        Access.dossier(security, dossiers, dossier);
    }

    private InvoiceRow row(String dossier, String id) throws SQLException {
        return inbox.invoices()
                .find(dossier, id)
                .orElseThrow(
                        () ->
                                ProblemException.notFound(
                                        "No invoice "
                                                + (id.length() > 40 ? id.substring(0, 40) : id)));
    }

    private static String safeType(String type) {
        return type != null && type.matches("(application/(pdf|xml)|text/xml)(;.*)?")
                ? type
                : "application/octet-stream";
    }
}
