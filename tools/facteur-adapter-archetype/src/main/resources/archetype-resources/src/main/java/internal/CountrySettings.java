package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A dossier's settings of the ${country} adapter: a factory configuration {@code
 * ${package}~<dossier>} kept by the core and handed to the adapter with every invoice (names
 * and descriptions in OSGI-INF/l10n/settings*.properties, in English, French and German).
 */
@ObjectClassDefinition(
        id = CountrySettings.PID,
        name = "%settings.name",
        description = "%settings.description",
        localization = "OSGI-INF/l10n/settings")
public @interface CountrySettings {
    /** Factory PID of the dossiers' settings. */
    String PID = "${package}";

    /** Settings key of the example setting. */
    String BUYER_REFERENCE = "buyerReference";

    @AttributeDefinition(
            name = "%settings.dossier.name",
            description = "%settings.dossier.description")
    String dossier();

    /** An example setting: a default buyer reference (BT-10) the adapter may use. */
    @AttributeDefinition(
            name = "%settings.buyerReference.name",
            description = "%settings.buyerReference.description",
            required = false)
    String buyerReference() default "";
}
