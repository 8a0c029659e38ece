package io.facteur.core.internal.archive;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** When the archive's journal is sealed. */
@ObjectClassDefinition(
        id = SealConfig.PID,
        name = "%seals.name",
        description = "%seals.description",
        localization = "OSGI-INF/l10n/seals")
public @interface SealConfig {
    /** PID of this configuration. */
    String PID = "io.facteur.seals";

    @AttributeDefinition(
            name = "%intervalHours.name",
            description = "%intervalHours.description",
            min = "1",
            max = "168")
    int intervalHours() default 24;
}
