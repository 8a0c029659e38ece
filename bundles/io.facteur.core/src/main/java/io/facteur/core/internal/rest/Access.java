package io.facteur.core.internal.rest;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.dossier.DossierService;
import io.facteur.core.internal.security.Caller;
import javax.ws.rs.core.SecurityContext;

/**
 * Who may see what: admins see every dossier; an API key sees its own dossier only, and anything of
 * another dossier is answered exactly as if it did not exist.
 */
final class Access {
    private Access() {}

    static Caller caller(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller c) {
            return c;
        }
        throw new ProblemException(ProblemType.UNAUTHENTICATED, "Authentication required");
    }

    /** Refuses callers who are not admins. */
    static void requireAdmin(SecurityContext security) {
        if (!caller(security).admin()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only an admin may do this");
        }
    }

    /** The dossier, if this caller may see it; 404 otherwise, whether it exists or not. */
    static Dossier dossier(SecurityContext security, DossierService dossiers, String id) {
        Caller caller = caller(security);
        if (!caller.sees(id)) {
            throw notFound(id);
        }
        return dossiers.find(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
        return ProblemException.notFound("No dossier " + shown);
    }
}
