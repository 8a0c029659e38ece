package io.facteur.core.internal.dossier;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The defaults of one dossier: one factory configuration {@code io.facteur.dossier~<dossier>}. */
@ObjectClassDefinition(
        id = DossierDefaultsConfig.PID,
        name = "%dossier.name",
        description = "%dossier.description",
        localization = "OSGI-INF/l10n/dossier")
public @interface DossierDefaultsConfig {
    /** Factory PID of dossier defaults. */
    String PID = "io.facteur.dossier";

    @AttributeDefinition(
            name = "%dossier.dossier.name",
            description = "%dossier.dossier.description")
    String dossier();

    @AttributeDefinition(
            name = "%dossier.language.name",
            description = "%dossier.language.description",
            options = {
                @Option(value = "fr", label = "%language.fr"),
                @Option(value = "en", label = "%language.en"),
                @Option(value = "de", label = "%language.de")
            })
    String language() default "fr";

    @AttributeDefinition(
            name = "%dossier.paymentTermDays.name",
            description = "%dossier.paymentTermDays.description",
            min = "0",
            max = "365")
    int paymentTermDays() default 30;

    @AttributeDefinition(
            name = "%dossier.automaticDelivery.name",
            description = "%dossier.automaticDelivery.description")
    boolean automaticDelivery() default false;

    @AttributeDefinition(
            name = "%dossier.allowReceiverXmlChanges.name",
            description = "%dossier.allowReceiverXmlChanges.description")
    boolean allowReceiverXmlChanges() default false;

    @AttributeDefinition(
            name = "%dossier.duplicateMode.name",
            description = "%dossier.duplicateMode.description",
            options = {
                @Option(value = "OFF", label = "%duplicateMode.OFF"),
                @Option(value = "WARN", label = "%duplicateMode.WARN"),
                @Option(value = "BLOCK", label = "%duplicateMode.BLOCK")
            })
    String duplicateMode() default "WARN";

    @AttributeDefinition(
            name = "%dossier.retentionYears.name",
            description = "%dossier.retentionYears.description",
            min = "10",
            max = "100")
    int retentionYears() default 10;

    @AttributeDefinition(
            name = "%dossier.languageSource.name",
            description = "%dossier.languageSource.description",
            options = {
                @Option(value = "COMPANY", label = "%languageSource.COMPANY"),
                @Option(value = "CUSTOMER", label = "%languageSource.CUSTOMER")
            })
    String languageSource() default "COMPANY";

    @AttributeDefinition(
            name = "%dossier.correctionHours.name",
            description = "%dossier.correctionHours.description",
            min = "0",
            max = "720")
    int correctionHours() default 72;
}
