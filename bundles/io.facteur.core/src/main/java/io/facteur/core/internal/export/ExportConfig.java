package io.facteur.core.internal.export;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the core runs exports: {@code etc/io.facteur.exports.cfg} or the web console. */
@ObjectClassDefinition(
        id = ExportConfig.PID,
        name = "%exports.name",
        description = "%exports.description",
        localization = "OSGI-INF/l10n/exports")
public @interface ExportConfig {
    /** PID of the settings. */
    String PID = "io.facteur.exports";

    @AttributeDefinition(
            name = "%exports.retryHours.name",
            description = "%exports.retryHours.description",
            min = "0",
            max = "720")
    int retryHours() default 24;

    @AttributeDefinition(
            name = "%exports.maxBackoffMinutes.name",
            description = "%exports.maxBackoffMinutes.description",
            min = "1",
            max = "1440")
    int maxBackoffMinutes() default 30;

    @AttributeDefinition(
            name = "%exports.maxReplay.name",
            description = "%exports.maxReplay.description",
            min = "1",
            max = "1000000")
    int maxReplay() default 50000;
}
