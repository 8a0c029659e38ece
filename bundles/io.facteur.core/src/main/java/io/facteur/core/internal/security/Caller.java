package io.facteur.core.internal.security;

import java.security.Principal;
import java.util.Optional;

/**
 * Who is calling: an admin of the Karaf realm, or invoicing software holding an API key of one
 * dossier.
 *
 * @param name the user name, or the API key id
 * @param admin true for an admin of the realm
 * @param dossier the only dossier an API key may see; empty for admins
 */
public record Caller(String name, boolean admin, Optional<String> dossier) implements Principal {
    @Override
    public String getName() {
        return name;
    }

    /** Whether this caller may see that dossier at all. */
    public boolean sees(String dossierId) {
        return admin || dossier.map(d -> d.equals(dossierId)).orElse(false);
    }
}
