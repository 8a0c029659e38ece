package io.facteur.invoicing.internal;

import io.facteur.api.Customers;
import io.facteur.api.Document;
import io.facteur.api.Dossiers;
import io.facteur.api.Roles;
import io.facteur.api.invoice.PostalAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/dossiers/{d}/invoicing}: the seller profile, the numbering, drafts and the invoices
 * issued from them. Admins and the dossier's API keys write and issue invoices; only admins change
 * the profile and the numbering. Every refusal is an RFC 9457 problem document in the caller's
 * language, with the JSON pointer of each field at fault.
 */
@Component(service = InvoicingResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=facteur)")
@Path("dossiers/{dossier}/invoicing")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Invoicing",
        description =
                "Invoices written online: seller profile, numbering, drafts, issuing as Factur-X")
public class InvoicingResource {

    /** Larger bodies are refused: 5,000 lines and a logo fit well below. */
    static final int MAX_BODY_CHARS = 8 * 1024 * 1024;

    private final Logger logger = LoggerFactory.getLogger(InvoicingResource.class);
    private final Dossiers dossiers;
    private final Issuing issuing;
    private final Documents documents;
    private final SellerProfiles profiles;
    private final Sequences sequences;
    private final Clock clock;
    private final InvoicePdf pages = new InvoicePdf();
    private volatile Customers customers;

    @Context HttpHeaders headers;

    @Activate
    public InvoicingResource(
            @Reference InvoicingDatabase database,
            @Reference Issuing issuing,
            @Reference Dossiers dossiers) {
        this.dossiers = dossiers;
        this.issuing = issuing;
        this.clock = issuing.clock();
        this.documents = new Documents(database, clock);
        this.profiles = new SellerProfiles(database, clock);
        this.sequences = new Sequences(database, clock);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetCustomers")
    void setCustomers(Customers customers) {
        this.customers = customers;
    }

    void unsetCustomers(Customers customers) {
        if (this.customers == customers) {
            this.customers = null;
        }
    }

    /** The profile as stored, or prefilled from the dossier when none is. */
    public record ProfileAnswer(boolean configured, SellerProfile profile) {}

    /** The numbering, with the next number as the next invoice would get it today. */
    public record NumberingAnswer(
            String pattern, boolean yearlyReset, long nextValue, int year, String next) {}

    /** What the numbering form sends. */
    public record NumberingRequest(String pattern, Boolean yearlyReset, Long nextValue) {}

    /** A draft changed by its editor, with the version it was read at. */
    public record DraftUpdate(Long version, Draft draft) {}

    /** The version a draft was read at, when issuing it. */
    public record VersionRequest(Long version) {}

    /** A document as the page shows it. */
    public record DocumentAnswer(
            String id,
            String state,
            boolean creditNote,
            String number,
            LocalDate issueDate,
            LocalDate dueDate,
            String language,
            Draft draft,
            Totals totals,
            long version,
            Instant updated,
            String inboxDocumentId) {}

    /** A document as listed. */
    public record Listed(
            String id,
            String state,
            boolean creditNote,
            String number,
            LocalDate issueDate,
            String buyerName,
            String currency,
            BigDecimal payable,
            long version,
            Instant updated) {}

    /** The live check of a draft: its totals when they can be computed, and its problems. */
    public record Preview(Totals totals, List<Problem.Field> problems) {}

    @GET
    @Path("profile")
    @Operation(
            summary =
                    "The seller profile of the dossier's invoices, prefilled from the dossier until saved")
    public Response profile(@PathParam("dossier") String dossier, @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    Optional<SellerProfile> stored = profiles.find(dossier);
                    return json(
                            Response.ok(),
                            new ProfileAnswer(
                                    stored.isPresent(), stored.orElseGet(() -> template(dossier))));
                });
    }

    @PUT
    @Path("profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the seller profile (admins); 400 names each field at fault")
    public Response saveProfile(
            @PathParam("dossier") String dossier, String body, @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                true,
                texts -> {
                    SellerProfile profile = body(body, SellerProfile.class, texts);
                    List<FieldProblem> problems = DraftCheck.checkSeller(profile, texts.locale());
                    if (!problems.isEmpty()) {
                        throw invalid(texts, problems, "");
                    }
                    profiles.save(dossier, profile);
                    return json(Response.ok(), new ProfileAnswer(true, profile));
                });
    }

    @GET
    @Path("numbering")
    @Operation(summary = "The numbering pattern and the next number")
    public Response numbering(@PathParam("dossier") String dossier, @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> json(Response.ok(), numbering(sequences.settings(dossier))));
    }

    @PUT
    @Path("numbering")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Change the numbering (admins): pattern, yearly restart, next value (never lower)")
    public Response saveNumbering(
            @PathParam("dossier") String dossier, String body, @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                true,
                texts -> {
                    NumberingRequest asked = body(body, NumberingRequest.class, texts);
                    Sequences.Settings current = sequences.settings(dossier);
                    try {
                        return json(
                                Response.ok(),
                                numbering(
                                        sequences.configure(
                                                dossier,
                                                asked.pattern() == null
                                                        ? current.pattern()
                                                        : asked.pattern().strip(),
                                                asked.yearlyReset() == null
                                                        ? current.yearlyReset()
                                                        : asked.yearlyReset(),
                                                asked.nextValue(),
                                                texts.locale())));
                    } catch (ProblemsException e) {
                        throw invalid(texts, e.problems(), "");
                    }
                });
    }

    @GET
    @Path("documents")
    @Operation(summary = "Drafts and issued invoices, newest first (state=DRAFT, ISSUED or all)")
    public Response list(
            @PathParam("dossier") String dossier,
            @QueryParam("state") String state,
            @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    List<Listed> out = new ArrayList<>();
                    for (StoredDocument d : documents.list(dossier)) {
                        if (shown(d, state)) {
                            out.add(listed(d));
                        }
                    }
                    out.sort(Comparator.comparing(Listed::updated).reversed());
                    return json(Response.ok(), out);
                });
    }

    @POST
    @Path("documents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft: no number, editable")
    public Response create(
            @PathParam("dossier") String dossier, String body, @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    Draft draft = draft(body, texts);
                    StoredDocument stored = documents.create(dossier, draft);
                    return json(
                            Response.created(
                                    URI.create(
                                            "dossiers/"
                                                    + dossier
                                                    + "/invoicing/documents/"
                                                    + stored.id())),
                            answer(stored));
                });
    }

    @GET
    @Path("documents/{id}")
    @Operation(summary = "One draft or issued invoice, with its totals")
    public Response one(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> json(Response.ok(), answer(stored(dossier, id, texts))));
    }

    @PUT
    @Path("documents/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a draft, with the version it was read at (409 when stale or issued)")
    public Response update(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            String body,
            @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    DraftUpdate update = body(body, DraftUpdate.class, texts);
                    if (update.version() == null || update.draft() == null) {
                        throw invalid(
                                texts,
                                List.of(
                                        new FieldProblem(
                                                update.version() == null ? "/version" : "/draft",
                                                texts.text("field.required"))),
                                "");
                    }
                    structure(update.draft(), texts);
                    return json(
                            Response.ok(),
                            answer(
                                    state(
                                            texts,
                                            () ->
                                                    documents.update(
                                                            dossier,
                                                            id,
                                                            update.version(),
                                                            update.draft()))));
                });
    }

    @DELETE
    @Path("documents/{id}")
    @Operation(summary = "Delete a draft (issued invoices stay)")
    public Response delete(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @QueryParam("version") Long version,
            @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    if (version == null) {
                        throw invalid(
                                texts,
                                List.of(new FieldProblem("version", texts.text("field.required"))),
                                "");
                    }
                    state(
                            texts,
                            () -> {
                                documents.delete(dossier, id, version);
                                return null;
                            });
                    return Response.noContent().build();
                });
    }

    @POST
    @Path("documents/{id}/issue")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a draft: the next number, the Factur-X, the dossier's pipeline")
    public Response issue(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            String body,
            @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    Long version =
                            body == null || body.isBlank()
                                    ? null
                                    : body(body, VersionRequest.class, texts).version();
                    try {
                        issuing.issue(dossier, id, version, texts.locale());
                    } catch (ProblemsException e) {
                        throw invalid(texts, e.problems(), "");
                    } catch (DocumentStateException e) {
                        throw stateProblem(texts, e);
                    }
                    StoredDocument issued = stored(dossier, id, texts);
                    register(dossier, issued.draft().buyer());
                    return json(Response.ok(), answer(issued));
                });
    }

    @GET
    @Path("documents/{id}/pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @Operation(
            summary =
                    "A draft's pages marked as a draft, or the issued invoice's Factur-X (303 to the archived original)")
    public Response pdf(
            @PathParam("dossier") String dossier,
            @PathParam("id") String id,
            @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    StoredDocument stored = stored(dossier, id, texts);
                    if (stored.state() == StoredDocument.State.SUBMITTED
                            && stored.inboxDocumentId() != null) {
                        // the archived original, exactly as the pipeline received it
                        return Response.seeOther(
                                        URI.create(
                                                "dossiers/"
                                                        + dossier
                                                        + "/invoices/"
                                                        + stored.inboxDocumentId()
                                                        + "/original"))
                                .build();
                    }
                    if (stored.state() == StoredDocument.State.ISSUED) {
                        Document facturX =
                                issuing.facturX(dossier, id)
                                        .orElseThrow(() -> notFound(texts, "document.unknown", id));
                        return pdfResponse(facturX.content(), facturX.fileName());
                    }
                    return pdfResponse(draftPdf(dossier, stored.draft(), texts), "draft.pdf");
                });
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A draft's totals and problems, nothing saved")
    public Response preview(
            @PathParam("dossier") String dossier, String body, @Context SecurityContext sc) {
        return answer(
                dossier,
                sc,
                false,
                texts -> {
                    Draft draft = draft(body, texts);
                    SellerProfile seller =
                            profiles.find(dossier).orElseGet(() -> template(dossier));
                    List<Problem.Field> problems = new ArrayList<>();
                    for (FieldProblem p : DraftCheck.check(draft, seller, texts.locale())) {
                        problems.add(new Problem.Field(p.field(), p.message()));
                    }
                    return json(Response.ok(), new Preview(totals(draft), problems));
                });
    }

    // --- the parts ---

    /** A body of this type, or a 400 naming where it does not fit. */
    private <T> T body(String body, Class<T> type, Texts texts) throws Refusal {
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw new Refusal(
                    Problem.of(
                            Problem.Kind.PAYLOAD_TOO_LARGE,
                            texts,
                            "body.tooLarge",
                            MAX_BODY_CHARS));
        }
        try {
            return Json.body(body, type);
        } catch (Json.BodyException e) {
            Problem problem = Problem.of(Problem.Kind.MALFORMED_REQUEST, texts, "body.malformed");
            throw new Refusal(
                    problem.with(
                            List.of(
                                    new Problem.Field(
                                            e.pointer(),
                                            texts.text("body.field", e.getMessage())))));
        }
    }

    /** A draft in a body, with what must hold of it to be stored at all. */
    private Draft draft(String body, Texts texts) throws Refusal {
        Draft draft = body(body, Draft.class, texts);
        structure(draft, texts);
        return draft;
    }

    /** What must hold of a draft to be stored at all (the rest waits for issuing). */
    private static void structure(Draft draft, Texts texts) throws Refusal {
        if (draft.lines().size() > DraftCheck.MAX_LINES) {
            throw invalid(
                    texts,
                    List.of(
                            new FieldProblem(
                                    "/lines", texts.text("lines.tooMany", DraftCheck.MAX_LINES))),
                    "");
        }
    }

    private StoredDocument stored(String dossier, String id, Texts texts)
            throws SQLException, Refusal {
        return documents
                .find(dossier, id)
                .orElseThrow(() -> notFound(texts, "document.unknown", id));
    }

    private DocumentAnswer answer(StoredDocument d) {
        IssuedInvoice issued = d.issued();
        return new DocumentAnswer(
                d.id(),
                d.state().name(),
                d.creditNote(),
                d.number(),
                d.issueDate(),
                issued == null ? d.draft().dueDate() : issued.dueDate(),
                issued == null ? d.draft().language() : issued.language(),
                issued == null ? d.draft() : issued.draft(),
                issued == null ? totals(d.draft()) : issued.totals(),
                d.version(),
                d.updated(),
                d.inboxDocumentId());
    }

    private static Listed listed(StoredDocument d) {
        Totals totals = d.issued() == null ? totals(d.draft()) : d.issued().totals();
        Draft draft = d.issued() == null ? d.draft() : d.issued().draft();
        return new Listed(
                d.id(),
                d.state().name(),
                d.creditNote(),
                d.number(),
                d.issueDate(),
                draft.buyer() == null ? "" : draft.buyer().name(),
                draft.currency(),
                totals == null ? null : totals.payable(),
                d.version(),
                d.updated());
    }

    private static boolean shown(StoredDocument d, String state) {
        if (state == null || state.isBlank() || "all".equalsIgnoreCase(state)) {
            return true;
        }
        if ("ISSUED".equalsIgnoreCase(state)) {
            return d.state() != StoredDocument.State.DRAFT;
        }
        return d.state().name().equalsIgnoreCase(state);
    }

    /** The totals of a draft, or null while it is too incomplete to have any. */
    private static Totals totals(Draft draft) {
        try {
            return InvoiceCalculator.totals(draft);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private NumberingAnswer numbering(Sequences.Settings s) {
        LocalDate today = LocalDate.now(clock);
        boolean restarts = s.yearlyReset() && s.year() != today.getYear();
        long next = restarts ? 1 : s.nextValue();
        return new NumberingAnswer(
                s.pattern(),
                s.yearlyReset(),
                s.nextValue(),
                s.year(),
                Numbering.format(s.pattern(), next, today));
    }

    /** A profile prefilled from what the dossier already says of the company. */
    private SellerProfile template(String dossier) {
        Optional<Dossiers.Dossier> d = dossiers.find(dossier);
        Dossiers.DossierDefaults defaults = dossiers.defaults(dossier);
        String registration = d.map(Dossiers.Dossier::registrationId).orElse("");
        return new SellerProfile(
                d.map(Dossiers.Dossier::name).orElse(""),
                "",
                registration.matches("\\d{9}") ? registration : "",
                registration.matches("\\d{14}") ? registration : "",
                d.map(Dossiers.Dossier::vatNumber).orElse(""),
                new Address("", "", "", "", d.map(Dossiers.Dossier::country).orElse("FR")),
                "",
                "",
                "",
                "",
                null,
                "",
                "",
                new PaymentTerm(PaymentTerm.Kind.DAYS, Math.max(0, defaults.paymentTermDays())));
    }

    /** A draft laid out as it would be issued today, marked as a draft, for the user to look at. */
    private byte[] draftPdf(String dossier, Draft draft, Texts texts) throws SQLException, Refusal {
        SellerProfile seller = profiles.find(dossier).orElseGet(() -> template(dossier));
        Totals totals = totals(draft);
        LocalDate today = LocalDate.now(clock);
        if (totals == null || draft.lines().isEmpty()) {
            List<FieldProblem> problems = DraftCheck.check(draft, seller, texts.locale());
            throw invalid(
                    texts,
                    problems.isEmpty()
                            ? List.of(new FieldProblem("/lines", texts.text("draft.incomplete")))
                            : problems,
                    "");
        }
        String language =
                DraftCheck.LANGUAGES.contains(draft.language())
                        ? draft.language()
                        : LanguageRule.of(dossiers, customers).language(dossier, draft.buyer());
        LocalDate due =
                draft.dueDate() != null
                        ? draft.dueDate()
                        : seller.paymentTerm() == null
                                ? today
                                : seller.paymentTerm().dueDate(today);
        IssuedInvoice preview =
                new IssuedInvoice(
                        dossier,
                        Texts.of(language).text("draft.number"),
                        today,
                        due,
                        language,
                        seller,
                        draft,
                        totals);
        return pages.render(preview);
    }

    /** Adds the buyer of an issued invoice to the directory, when it is not in it. */
    private void register(String dossier, Buyer buyer) {
        Customers directory = customers;
        if (directory == null || buyer == null || buyer.name().isEmpty()) {
            return;
        }
        try {
            Address a = buyer.address();
            directory.register(
                    dossier,
                    new Customers.NewCustomer(
                            buyer.name(),
                            buyer.vatId(),
                            buyer.legalId(),
                            buyer.email(),
                            buyer.language(),
                            a == null
                                    ? null
                                    : new PostalAddress(
                                            a.line1(),
                                            a.line2(),
                                            a.city(),
                                            a.postcode(),
                                            a.countryCode())));
        } catch (RuntimeException e) {
            // the invoice is issued; the directory also learns the buyer from the pipeline
            logger.debug("Cannot add the buyer of an invoice of {} to the directory", dossier, e);
        }
    }

    private static Response pdfResponse(byte[] pdf, String fileName) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + safe + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static Response json(Response.ResponseBuilder builder, Object entity) {
        return builder.entity(Json.write(entity)).type(MediaType.APPLICATION_JSON).build();
    }

    // --- access, errors ---

    /** One request's work, which may refuse with a problem. */
    @FunctionalInterface
    private interface Work {
        Response run(Texts texts) throws Exception;
    }

    /** A document-state change, which may find the document gone, stale or issued. */
    @FunctionalInterface
    private interface StateWork<T> {
        T run() throws Exception;
    }

    private Response answer(String dossier, SecurityContext sc, boolean adminOnly, Work work) {
        Texts texts = texts(dossier);
        try {
            if (sc.getUserPrincipal() == null
                    || !sc.isUserInRole(Roles.dossier(dossier))
                    || dossiers.find(dossier).isEmpty()) {
                throw notFound(texts, "dossier.unknown", dossier);
            }
            if (adminOnly && !sc.isUserInRole(Roles.ADMIN)) {
                throw new Refusal(Problem.of(Problem.Kind.FORBIDDEN, texts, "admin.only"));
            }
            return work.run(texts);
        } catch (Refusal r) {
            return r.problem().response(texts);
        } catch (Exception e) {
            logger.error("Invoicing request of dossier {} failed", dossier, e);
            return Problem.of(Problem.Kind.UNAVAILABLE, texts, "unavailable").response(texts);
        }
    }

    private static <T> T state(Texts texts, StateWork<T> work) throws Exception {
        try {
            return work.run();
        } catch (DocumentStateException e) {
            throw stateProblem(texts, e);
        }
    }

    private static Refusal stateProblem(Texts texts, DocumentStateException e) {
        return switch (e.reason()) {
            case NOT_FOUND ->
                    new Refusal(Problem.of(Problem.Kind.NOT_FOUND, texts, "document.gone"));
            case STALE -> new Refusal(Problem.of(Problem.Kind.CONFLICT, texts, "document.stale"));
            case ISSUED -> new Refusal(Problem.of(Problem.Kind.CONFLICT, texts, "document.issued"));
        };
    }

    private static Refusal invalid(Texts texts, List<FieldProblem> problems, String prefix) {
        List<Problem.Field> fields = new ArrayList<>();
        for (FieldProblem p : problems) {
            fields.add(new Problem.Field(prefix + p.field(), p.message()));
        }
        return new Refusal(
                Problem.of(Problem.Kind.INVALID, texts, "invalid", fields.size()).with(fields));
    }

    private static Refusal notFound(Texts texts, String key, String what) {
        String shown = what.length() > 64 ? what.substring(0, 64) + "…" : what;
        return new Refusal(Problem.of(Problem.Kind.NOT_FOUND, texts, key, shown));
    }

    /** The caller's language among fr, en and de, else the dossier's, else French. */
    private Texts texts(String dossier) {
        if (headers != null) {
            for (Locale l : headers.getAcceptableLanguages()) {
                if (DraftCheck.LANGUAGES.contains(l.getLanguage())) {
                    return Texts.of(l.getLanguage());
                }
            }
        }
        try {
            String language = dossiers.defaults(dossier).language();
            if (DraftCheck.LANGUAGES.contains(language)) {
                return Texts.of(language);
            }
        } catch (RuntimeException e) {
            // an unknown dossier: its 404 comes in French
        }
        return Texts.of("fr");
    }

    /** A refusal carrying its problem document. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Refusal(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
