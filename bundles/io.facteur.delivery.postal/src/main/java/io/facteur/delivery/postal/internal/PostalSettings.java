package io.facteur.delivery.postal.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Where print jobs go and how the address sheet fits the envelope: one configuration {@value #PID}
 * for the whole installation ({@code etc/io.facteur.delivery.postal.cfg} or the web console).
 */
@ObjectClassDefinition(
        id = PostalSettings.PID,
        name = "%postal.name",
        description = "%postal.description",
        localization = "OSGI-INF/l10n/postal")
public @interface PostalSettings {
    /** PID of the settings. */
    String PID = "io.facteur.delivery.postal";

    @AttributeDefinition(
            name = "%postal.dropFolder.name",
            description = "%postal.dropFolder.description",
            required = false)
    String dropFolder() default "";

    @AttributeDefinition(
            name = "%postal.window.name",
            description = "%postal.window.description",
            options = {
                @Option(value = "LEFT_DIN_5008_B", label = "%window.LEFT_DIN_5008_B"),
                @Option(value = "LEFT_DIN_5008_A", label = "%window.LEFT_DIN_5008_A"),
                @Option(value = "RIGHT_FR_DL", label = "%window.RIGHT_FR_DL"),
                @Option(value = "CUSTOM", label = "%window.CUSTOM")
            })
    String window() default "LEFT_DIN_5008_B";

    @AttributeDefinition(
            name = "%postal.windowLeftMm.name",
            description = "%postal.windowLeftMm.description",
            min = "0",
            max = "210")
    double windowLeftMm() default 20;

    @AttributeDefinition(
            name = "%postal.windowTopMm.name",
            description = "%postal.windowTopMm.description",
            min = "0",
            max = "297")
    double windowTopMm() default 45;

    @AttributeDefinition(
            name = "%postal.windowWidthMm.name",
            description = "%postal.windowWidthMm.description",
            min = "0",
            max = "210")
    double windowWidthMm() default 85;

    @AttributeDefinition(
            name = "%postal.windowHeightMm.name",
            description = "%postal.windowHeightMm.description",
            min = "0",
            max = "297")
    double windowHeightMm() default 45;

    @AttributeDefinition(
            name = "%postal.addressOffsetMm.name",
            description = "%postal.addressOffsetMm.description",
            min = "0",
            max = "297")
    double addressOffsetMm() default 17.7;

    @AttributeDefinition(
            name = "%postal.returnLine.name",
            description = "%postal.returnLine.description")
    boolean returnLine() default true;

    @AttributeDefinition(name = "%postal.duplex.name", description = "%postal.duplex.description")
    boolean duplex() default false;

    @AttributeDefinition(name = "%postal.colour.name", description = "%postal.colour.description")
    boolean colour() default false;

    @AttributeDefinition(
            name = "%postal.maxInvoicePages.name",
            description = "%postal.maxInvoicePages.description",
            min = "1",
            max = "200")
    int maxInvoicePages() default 20;

    @AttributeDefinition(
            name = "%postal.maxInvoiceMegabytes.name",
            description = "%postal.maxInvoiceMegabytes.description",
            min = "1",
            max = "100")
    int maxInvoiceMegabytes() default 20;
}
