package io.facteur.channel.mail.internal;

import io.facteur.api.Dossiers;
import io.facteur.api.Roles;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

/** Access rules and language of a request, shared by the channel's resources. */
final class Requests {
    private Requests() {}

    static Locale locale(HttpHeaders headers) {
        List<Locale> languages = headers == null ? List.of() : headers.getAcceptableLanguages();
        return languages.isEmpty() || languages.get(0).getLanguage().equals("*")
                ? Locale.ENGLISH
                : languages.get(0);
    }

    /** 404, as for a dossier that does not exist, unless the caller may see the dossier. */
    static void dossier(
            SecurityContext security, Dossiers dossiers, String dossier, ProblemTexts texts) {
        boolean allowed =
                security != null
                        && (security.isUserInRole(Roles.ADMIN)
                                || security.isUserInRole(Roles.dossier(dossier)));
        if (!allowed || dossiers.find(dossier).isEmpty()) {
            throw texts.problem("not-found", 404, "problem.notFound", dossier).exception();
        }
    }
}
