package io.facteur.core.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How the REST API authenticates callers. */
@ObjectClassDefinition(
        id = SecurityConfig.PID,
        name = "Facteur REST security",
        description =
                "Who may call Facteur's REST API: admins of a Karaf JAAS realm, and API keys.")
public @interface SecurityConfig {
    /** PID of this configuration. */
    String PID = "io.facteur.security";

    @AttributeDefinition(
            name = "JAAS realm",
            description = "Realm that checks admins' passwords (the web console's).")
    String realm() default "karaf";

    @AttributeDefinition(name = "Admin role", description = "Role an admin of the realm must hold.")
    String adminRole() default "admin";

    @AttributeDefinition(
            name = "Largest JSON body (bytes)",
            description = "Larger request bodies are refused with 413 before they are read.",
            min = "1024")
    int maxJsonBytes() default 262_144;
}
