package io.facteur.api;

/**
 * The roles a REST resource of a capability asks the request's {@code SecurityContext} about. The
 * core authenticates every request to the Facteur application (admins of the Karaf realm, API keys
 * of one dossier) before a capability's resource sees it.
 */
public final class Roles {
    /** An admin of Facteur: sees every dossier, may change settings. */
    public static final String ADMIN = "admin";

    private static final String DOSSIER = "dossier:";

    private Roles() {}

    /**
     * The role of a caller that may see the dossier: an admin, or an API key of that dossier. A
     * resource answers 404 to a caller without it, exactly as for a dossier that does not exist.
     */
    public static String dossier(String dossierId) {
        return DOSSIER + dossierId;
    }

    /** The dossier a role names, or null when it names none. */
    public static String dossierOf(String role) {
        return role != null && role.startsWith(DOSSIER) ? role.substring(DOSSIER.length()) : null;
    }
}
