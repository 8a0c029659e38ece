package io.facteur.validation.pdfa.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * What the PDF/A check accepts and what one PDF may cost it: one configuration {@value #PID} for
 * the whole installation ({@code etc/io.facteur.validation.pdfa.cfg} or the web console).
 */
@ObjectClassDefinition(
        id = PdfaSettings.PID,
        name = "%pdfa.name",
        description = "%pdfa.description",
        localization = "OSGI-INF/l10n/pdfa")
public @interface PdfaSettings {
    /** PID of the settings. */
    String PID = "io.facteur.validation.pdfa";

    @AttributeDefinition(
            name = "%pdfa.acceptedParts.name",
            description = "%pdfa.acceptedParts.description",
            cardinality = 2,
            options = {
                @Option(value = "3", label = "%part.3"),
                @Option(value = "4", label = "%part.4")
            })
    String[] acceptedParts() default {"3"};

    @AttributeDefinition(
            name = "%pdfa.maxFailedChecksPerRule.name",
            description = "%pdfa.maxFailedChecksPerRule.description",
            min = "1",
            max = "1000")
    int maxFailedChecksPerRule() default 10;

    @AttributeDefinition(
            name = "%pdfa.maxSizeMegabytes.name",
            description = "%pdfa.maxSizeMegabytes.description",
            min = "1",
            max = "200")
    int maxSizeMegabytes() default 20;

    @AttributeDefinition(
            name = "%pdfa.timeoutSeconds.name",
            description = "%pdfa.timeoutSeconds.description",
            min = "1",
            max = "600")
    int timeoutSeconds() default 60;

    @AttributeDefinition(
            name = "%pdfa.parallelChecks.name",
            description = "%pdfa.parallelChecks.description",
            min = "1",
            max = "16")
    int parallelChecks() default 2;
}
