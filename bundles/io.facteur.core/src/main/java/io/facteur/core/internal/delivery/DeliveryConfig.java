package io.facteur.core.internal.delivery;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the core runs deliveries: {@code etc/io.facteur.deliveries.cfg} or the web console. */
@ObjectClassDefinition(
        id = DeliveryConfig.PID,
        name = "%deliveries.name",
        description = "%deliveries.description",
        localization = "OSGI-INF/l10n/deliveries")
public @interface DeliveryConfig {
    /** PID of the settings. */
    String PID = "io.facteur.deliveries";

    @AttributeDefinition(
            name = "%deliveries.retryHours.name",
            description = "%deliveries.retryHours.description",
            min = "0",
            max = "720")
    int retryHours() default 24;

    @AttributeDefinition(
            name = "%deliveries.maxBackoffMinutes.name",
            description = "%deliveries.maxBackoffMinutes.description",
            min = "1",
            max = "1440")
    int maxBackoffMinutes() default 30;
}
