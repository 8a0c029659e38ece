package io.facteur.channel.api.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How long idempotency keys are remembered, how webhooks are retried and which webhook URLs are
 * accepted: one configuration {@value #PID} for the whole installation ({@code
 * etc/io.facteur.channel.api.cfg} or the web console).
 */
@ObjectClassDefinition(
        id = ApiChannelSettings.PID,
        name = "%api.name",
        description = "%api.description",
        localization = "OSGI-INF/l10n/api")
public @interface ApiChannelSettings {
    /** PID of the settings. */
    String PID = "io.facteur.channel.api";

    @AttributeDefinition(
            name = "%api.idempotencyHours.name",
            description = "%api.idempotencyHours.description",
            min = "1",
            max = "720")
    int idempotencyHours() default 24;

    @AttributeDefinition(
            name = "%api.maxBodyBytes.name",
            description = "%api.maxBodyBytes.description",
            min = "1",
            max = "104857600")
    int maxBodyBytes() default 20 * 1024 * 1024;

    @AttributeDefinition(
            name = "%api.giveUpHours.name",
            description = "%api.giveUpHours.description",
            min = "1",
            max = "720")
    int giveUpHours() default 24;

    @AttributeDefinition(
            name = "%api.firstRetrySeconds.name",
            description = "%api.firstRetrySeconds.description",
            min = "1",
            max = "3600")
    int firstRetrySeconds() default 30;

    @AttributeDefinition(
            name = "%api.maxRetrySeconds.name",
            description = "%api.maxRetrySeconds.description",
            min = "1",
            max = "86400")
    int maxRetrySeconds() default 3600;

    @AttributeDefinition(
            name = "%api.timeoutSeconds.name",
            description = "%api.timeoutSeconds.description",
            min = "1",
            max = "120")
    int timeoutSeconds() default 10;

    @AttributeDefinition(
            name = "%api.pollMillis.name",
            description = "%api.pollMillis.description",
            min = "100",
            max = "60000")
    int pollMillis() default 1000;

    @AttributeDefinition(name = "%api.allowHttp.name", description = "%api.allowHttp.description")
    boolean allowHttp() default false;

    @AttributeDefinition(
            name = "%api.allowPrivateTargets.name",
            description = "%api.allowPrivateTargets.description")
    boolean allowPrivateTargets() default false;

    @AttributeDefinition(
            name = "%api.maxWebhooks.name",
            description = "%api.maxWebhooks.description",
            min = "1",
            max = "100")
    int maxWebhooks() default 5;
}
