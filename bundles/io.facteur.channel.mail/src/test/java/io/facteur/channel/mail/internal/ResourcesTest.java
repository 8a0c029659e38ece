package io.facteur.channel.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Dossiers;
import io.facteur.api.Roles;
import java.security.Principal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The channel's REST resources as a caller with given roles sees them (access, problems, data). */
class ResourcesTest {
    @RegisterExtension final TestDerby derby = new TestDerby();

    private final MemoryDossierImports imports =
            new MemoryDossierImports().with("acme", "a@b.example");
    private MailboxReader reader;

    private final Dossiers dossiers =
            new Dossiers() {
                @Override
                public Optional<Dossier> find(String id) {
                    return Set.of("acme", "globex").contains(id)
                            ? Optional.of(new Dossier(id, id, "FR", "", "", "fr"))
                            : Optional.empty();
                }

                @Override
                public DossierDefaults defaults(String id) {
                    throw new UnsupportedOperationException();
                }
            };

    @BeforeEach
    void reader() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("importAddress", "import@invoices.example");
        reader = new MailboxReader(Settings.mail(values), derby.dataSource(), imports, false);
    }

    private static SecurityContext caller(String... roles) {
        Set<String> granted = Set.of(roles);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> "caller";
            }

            @Override
            public boolean isUserInRole(String role) {
                return granted.contains(role);
            }

            @Override
            public boolean isSecure() {
                return true;
            }

            @Override
            public String getAuthenticationScheme() {
                return "BASIC";
            }
        };
    }

    private static Problem problem(WebApplicationException e) {
        return (Problem) e.getResponse().getEntity();
    }

    @Test
    void aDossierCallerSeesItsAddressAndTokenAndMayReplaceIt() {
        DossierMailImportResource resource =
                new DossierMailImportResource(dossiers, imports, reader);

        DossierMailImport view = resource.get("acme", caller(Roles.dossier("acme")), null);

        assertThat(view.token()).matches("[a-z2-7]{32}");
        assertThat(view.address()).isEqualTo("import+" + view.token() + "@invoices.example");
        assertThat(view.trustedSenders()).containsExactly("a@b.example");
        assertThat(view.senderAuthenticationRequired()).isTrue();

        DossierMailImport fresh = resource.regenerate("acme", caller(Roles.ADMIN), null);
        assertThat(fresh.token()).isNotEqualTo(view.token());
        assertThat(imports.get("acme").token()).isEqualTo(fresh.token());
    }

    @Test
    void anotherDossiersCallerAndUnknownDossiersGet404() {
        DossierMailImportResource resource =
                new DossierMailImportResource(dossiers, imports, reader);

        for (Runnable call :
                List.<Runnable>of(
                        () -> resource.get("acme", caller(Roles.dossier("globex")), null),
                        () -> resource.regenerate("acme", caller(Roles.dossier("globex")), null),
                        () -> resource.get("nope", caller(Roles.ADMIN), null))) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(
                            WebApplicationException.class,
                            e -> {
                                assertThat(e.getResponse().getStatus()).isEqualTo(404);
                                assertThat(e.getResponse().getMediaType().toString())
                                        .isEqualTo("application/problem+json");
                                assertThat(problem(e).type())
                                        .isEqualTo("urn:facteur:problem:not-found");
                            });
        }
        assertThat(imports.find("nope")).isEmpty();
    }

    @Test
    void onlyAdminsListTheRejectedMailsNewestFirstWithTheReasonInTheirLanguage() throws Exception {
        reader.ledger()
                .recordRejected(
                        "k1",
                        new MailLedger.Rejected(
                                0,
                                null,
                                "x@y.example",
                                "first",
                                "<1@y>",
                                Reason.NO_DOSSIER,
                                "d",
                                Instant.now()));
        reader.ledger()
                .recordRejected(
                        "k2",
                        new MailLedger.Rejected(
                                0,
                                "acme",
                                "x@y.example",
                                "second",
                                "<2@y>",
                                Reason.NO_INVOICE,
                                "d",
                                Instant.now()));
        RejectedMailsResource resource = new RejectedMailsResource(reader);

        assertThatThrownBy(() -> resource.rejected(null, 10, caller(Roles.dossier("acme")), null))
                .isInstanceOfSatisfying(
                        WebApplicationException.class,
                        e -> {
                            assertThat(e.getResponse().getStatus()).isEqualTo(403);
                            assertThat(problem(e).type())
                                    .isEqualTo("urn:facteur:problem:forbidden");
                        });
        List<RejectedMail> all = resource.rejected(null, 10, caller(Roles.ADMIN), null);
        assertThat(all).extracting(RejectedMail::subject).containsExactly("second", "first");
        assertThat(all.get(1).reason()).isEqualTo("NO_DOSSIER");
        assertThat(all.get(1).message()).startsWith("No dossier");
        assertThat(resource.rejected("acme", 10, caller(Roles.ADMIN), null))
                .extracting(RejectedMail::subject)
                .containsExactly("second");
    }
}
