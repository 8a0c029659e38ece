package io.facteur.channel.mail.internal;

import java.util.List;
import java.util.Optional;

/** The dossiers' import settings: tokens and trusted senders, read fresh for each mail. */
interface DossierImports {

    /**
     * One dossier's import settings.
     *
     * @param dossier the dossier id
     * @param token its token, empty when none was generated yet
     * @param trustedSenders addresses ({@code a@b.c}) or whole domains ({@code @b.c}), lower case
     */
    record DossierImport(String dossier, String token, List<String> trustedSenders) {
        public DossierImport {
            token = token == null ? "" : token;
            trustedSenders = List.copyOf(trustedSenders);
        }
    }

    /** Every dossier that has import settings; tokens missing are generated first. */
    List<DossierImport> all();

    /** One dossier's settings, its token generated when it has none. */
    DossierImport get(String dossier);

    /** One dossier's settings as they are, without generating anything. */
    Optional<DossierImport> find(String dossier);

    /** Replaces the dossier's token; the old one stops matching at once. */
    String regenerate(String dossier);
}
