package io.facteur.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares a DS component as a Facteur capability: its id, kind and label become service properties
 * ({@value #ID}, {@value #KIND}, {@value #LABEL}, {@value #SETTINGS_PID}) that the core's settings
 * registry tracks, so that no capability is ever named by the core.
 *
 * <pre>
 * &#64;Component(service = ExportConnector.class)
 * &#64;Capability(capability = "export.sftp", kind = CapabilityKind.EXPORT_CONNECTOR, label = "SFTP",
 *     settings_pid = "io.facteur.export.sftp")
 * </pre>
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Capability {
    /** Prefix of every property this annotation sets. */
    String PREFIX_ = "facteur.";

    /** Service property holding the capability id. */
    String ID = "facteur.capability";

    /** Service property holding the {@link CapabilityKind} name. */
    String KIND = "facteur.kind";

    /** Service property holding the human label. */
    String LABEL = "facteur.label";

    /** Service property holding the Metatype PID of the capability's settings. */
    String SETTINGS_PID = "facteur.settings.pid";

    /** LDAP filter matching every capability service. */
    String FILTER = "(" + ID + "=*)";

    /**
     * Stable id, lower case, dot separated ({@code export.sftp}); used in REST paths and
     * configuration names.
     */
    String capability();

    /** Which extension point the capability serves. */
    CapabilityKind kind();

    /** Short label shown to admins (English; localized labels come from the Metatype). */
    String label();

    /**
     * The PID of the Metatype {@code ObjectClassDefinition} of its settings. Per-dossier settings
     * are factory configurations {@code <pid>~<dossier>}. Empty when the capability has no
     * settings.
     */
    String settings_pid() default "";
}
