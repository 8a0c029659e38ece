package io.facteur.core.internal.inbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The inbox and the pipeline that reads what it receives. */
@ObjectClassDefinition(
        id = InboxConfig.PID,
        name = "%inbox.name",
        description = "%inbox.description",
        localization = "OSGI-INF/l10n/inbox")
public @interface InboxConfig {
    /** PID of this configuration. */
    String PID = "io.facteur.inbox";

    @AttributeDefinition(
            name = "%maxFileBytes.name",
            description = "%maxFileBytes.description",
            min = "1024")
    long maxFileBytes() default 20L * 1024 * 1024;

    @AttributeDefinition(name = "%folder.name", description = "%folder.description")
    String folder() default "";

    @AttributeDefinition(
            name = "%workers.name",
            description = "%workers.description",
            min = "1",
            max = "64")
    int workers() default 2;

    @AttributeDefinition(
            name = "%maxAttempts.name",
            description = "%maxAttempts.description",
            min = "1",
            max = "50")
    int maxAttempts() default 6;
}
