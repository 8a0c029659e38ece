package io.facteur.adapter.de.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A dossier's settings of the XRechnung adapters: a factory configuration {@code
 * io.facteur.adapter.xrechnung~<dossier>} kept by the core and handed to the adapters with every
 * invoice.
 */
@ObjectClassDefinition(
        id = XRechnungSettings.PID,
        name = "%xrechnung.name",
        description = "%xrechnung.description",
        localization = "OSGI-INF/l10n/xrechnung")
public @interface XRechnungSettings {
    /** Factory PID of the dossiers' settings. */
    String PID = "io.facteur.adapter.xrechnung";

    /** Settings key of the default Leitweg-ID. */
    String LEITWEG_ID = "leitwegId";

    @AttributeDefinition(
            name = "%xrechnung.dossier.name",
            description = "%xrechnung.dossier.description")
    String dossier();

    @AttributeDefinition(
            name = "%xrechnung.leitwegId.name",
            description = "%xrechnung.leitwegId.description",
            required = false)
    String leitwegId() default "";
}
