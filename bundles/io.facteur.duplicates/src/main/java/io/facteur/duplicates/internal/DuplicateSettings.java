package io.facteur.duplicates.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How far the duplicate check looks: one configuration {@value #PID} for the whole installation
 * ({@code etc/io.facteur.duplicates.cfg} or the web console). Whether a dossier looks for
 * duplicates at all, and what a duplicate does there, are the dossier's settings.
 */
@ObjectClassDefinition(
        id = DuplicateSettings.PID,
        name = "%duplicates.name",
        description = "%duplicates.description",
        localization = "OSGI-INF/l10n/duplicates")
public @interface DuplicateSettings {
    /** PID of the settings. */
    String PID = "io.facteur.duplicates";

    @AttributeDefinition(
            name = "%duplicates.windowDays.name",
            description = "%duplicates.windowDays.description",
            min = "0",
            max = "31")
    int windowDays() default 3;

    @AttributeDefinition(
            name = "%duplicates.maxMatches.name",
            description = "%duplicates.maxMatches.description",
            min = "1",
            max = "100")
    int maxMatches() default 10;
}
