package io.facteur.delivery.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * What a dossier's customers see as the sender of its mails: one factory configuration {@code
 * io.facteur.delivery.mail.dossier~<dossier>}, passed to the channel as the delivery's settings.
 */
@ObjectClassDefinition(
        id = DossierMailSettings.PID,
        name = "%dossier.name",
        description = "%dossier.description",
        localization = "OSGI-INF/l10n/mail")
public @interface DossierMailSettings {
    /** Factory PID of the per-dossier settings. */
    String PID = "io.facteur.delivery.mail.dossier";

    /** Property of the display name. */
    String DISPLAY_NAME = "displayName";

    /** Property of the From address. */
    String FROM_ADDRESS = "fromAddress";

    /** Property of the Reply-To address. */
    String REPLY_TO = "replyTo";

    @AttributeDefinition(
            name = "%dossier.displayName.name",
            description = "%dossier.displayName.description",
            required = false)
    String displayName() default "";

    @AttributeDefinition(
            name = "%dossier.fromAddress.name",
            description = "%dossier.fromAddress.description",
            required = false)
    String fromAddress() default "";

    @AttributeDefinition(
            name = "%dossier.replyTo.name",
            description = "%dossier.replyTo.description",
            required = false)
    String replyTo() default "";
}
