package io.facteur.core.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the REST API authenticates callers. */
@ObjectClassDefinition(
        id = SecurityConfig.PID,
        name = "%security.name",
        description = "%security.description",
        localization = "OSGI-INF/l10n/security")
public @interface SecurityConfig {
    /** PID of this configuration. */
    String PID = "io.facteur.security";

    @AttributeDefinition(name = "%realm.name", description = "%realm.description")
    String realm() default "karaf";

    @AttributeDefinition(name = "%adminRole.name", description = "%adminRole.description")
    String adminRole() default "admin";

    @AttributeDefinition(
            name = "%maxJsonBytes.name",
            description = "%maxJsonBytes.description",
            min = "1024")
    int maxJsonBytes() default 262_144;
}
