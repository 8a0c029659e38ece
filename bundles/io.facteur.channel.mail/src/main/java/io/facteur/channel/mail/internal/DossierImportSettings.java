package io.facteur.channel.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How mails find one dossier: one factory configuration {@code
 * io.facteur.channel.mail.dossier~<dossier>} holding its import token (generated, shown, and
 * regenerated on request) and the sender addresses it trusts.
 */
@ObjectClassDefinition(
        id = DossierImportSettings.PID,
        name = "%dossier.name",
        description = "%dossier.description",
        localization = "OSGI-INF/l10n/import")
public @interface DossierImportSettings {
    /** Factory PID of the per-dossier settings. */
    String PID = "io.facteur.channel.mail.dossier";

    /** Property of the token. */
    String TOKEN = "token";

    /** Property of the trusted senders. */
    String TRUSTED_SENDERS = "trustedSenders";

    @AttributeDefinition(
            name = "%dossier.token.name",
            description = "%dossier.token.description",
            required = false)
    String token() default "";

    @AttributeDefinition(
            name = "%dossier.trustedSenders.name",
            description = "%dossier.trustedSenders.description",
            required = false,
            cardinality = 100)
    String[] trustedSenders() default {};
}
