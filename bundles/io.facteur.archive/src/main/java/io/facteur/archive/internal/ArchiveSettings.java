package io.facteur.archive.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the archive lives and what it accepts: one configuration {@value #PID} for the whole
 * installation ({@code etc/io.facteur.archive.cfg} or the web console).
 */
@ObjectClassDefinition(
        id = ArchiveSettings.PID,
        name = "%archive.name",
        description = "%archive.description",
        localization = "OSGI-INF/l10n/archive")
public @interface ArchiveSettings {
    /** PID of the settings. */
    String PID = "io.facteur.archive";

    @AttributeDefinition(name = "%archive.folder.name", description = "%archive.folder.description")
    String folder() default "";

    @AttributeDefinition(
            name = "%archive.maxDocumentMegabytes.name",
            description = "%archive.maxDocumentMegabytes.description",
            min = "1",
            max = "2000")
    int maxDocumentMegabytes() default 100;

    @AttributeDefinition(name = "%archive.tsaUrl.name", description = "%archive.tsaUrl.description")
    String tsaUrl() default "";

    @AttributeDefinition(
            name = "%archive.tsaTimeoutSeconds.name",
            description = "%archive.tsaTimeoutSeconds.description",
            min = "1",
            max = "300")
    int tsaTimeoutSeconds() default 30;
}
