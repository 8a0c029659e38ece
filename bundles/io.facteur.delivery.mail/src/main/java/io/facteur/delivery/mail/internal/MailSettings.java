package io.facteur.delivery.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The platform's mail server and bounce mailbox: one configuration {@value #PID} for the whole
 * installation ({@code etc/io.facteur.delivery.mail.cfg} or the web console). What a customer sees
 * as the sender is each dossier's {@link DossierMailSettings}.
 *
 * <p>The passwords are private properties ({@code .smtpPassword}, {@code .imapPassword}):
 * Declarative Services copies every other component property into the service properties, where
 * anyone who lists services would read them.
 */
@ObjectClassDefinition(
        id = MailSettings.PID,
        name = "%mail.name",
        description = "%mail.description",
        localization = "OSGI-INF/l10n/mail")
public @interface MailSettings {
    /** PID of the settings. */
    String PID = "io.facteur.delivery.mail";

    @AttributeDefinition(name = "%mail.smtpHost.name", description = "%mail.smtpHost.description")
    String smtpHost() default "localhost";

    @AttributeDefinition(
            name = "%mail.smtpPort.name",
            description = "%mail.smtpPort.description",
            min = "1",
            max = "65535")
    int smtpPort() default 587;

    @AttributeDefinition(
            name = "%mail.smtpSecurity.name",
            description = "%mail.smtpSecurity.description",
            options = {
                @Option(value = "NONE", label = "%mail.security.none"),
                @Option(value = "STARTTLS", label = "%mail.security.starttls"),
                @Option(value = "TLS", label = "%mail.security.tls")
            })
    String smtpSecurity() default "STARTTLS";

    @AttributeDefinition(
            name = "%mail.smtpUser.name",
            description = "%mail.smtpUser.description",
            required = false)
    String smtpUser() default "";

    @AttributeDefinition(
            name = "%mail.smtpPassword.name",
            description = "%mail.smtpPassword.description",
            type = AttributeType.PASSWORD,
            required = false)
    String _smtpPassword() default "";

    @AttributeDefinition(
            name = "%mail.connectTimeoutSeconds.name",
            description = "%mail.connectTimeoutSeconds.description",
            min = "1",
            max = "300")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(
            name = "%mail.readTimeoutSeconds.name",
            description = "%mail.readTimeoutSeconds.description",
            min = "1",
            max = "600")
    int readTimeoutSeconds() default 60;

    @AttributeDefinition(
            name = "%mail.senderAddress.name",
            description = "%mail.senderAddress.description",
            required = false)
    String senderAddress() default "";

    @AttributeDefinition(
            name = "%mail.senderName.name",
            description = "%mail.senderName.description",
            required = false)
    String senderName() default "Facteur";

    @AttributeDefinition(
            name = "%mail.bounceAddress.name",
            description = "%mail.bounceAddress.description",
            required = false)
    String bounceAddress() default "";

    @AttributeDefinition(
            name = "%mail.maxMessageBytes.name",
            description = "%mail.maxMessageBytes.description",
            min = "10000",
            max = "104857600")
    int maxMessageBytes() default 20 * 1024 * 1024;

    @AttributeDefinition(
            name = "%mail.imapHost.name",
            description = "%mail.imapHost.description",
            required = false)
    String imapHost() default "";

    @AttributeDefinition(
            name = "%mail.imapPort.name",
            description = "%mail.imapPort.description",
            min = "1",
            max = "65535")
    int imapPort() default 993;

    @AttributeDefinition(name = "%mail.imapTls.name", description = "%mail.imapTls.description")
    boolean imapTls() default true;

    @AttributeDefinition(
            name = "%mail.imapUser.name",
            description = "%mail.imapUser.description",
            required = false)
    String imapUser() default "";

    @AttributeDefinition(
            name = "%mail.imapPassword.name",
            description = "%mail.imapPassword.description",
            type = AttributeType.PASSWORD,
            required = false)
    String _imapPassword() default "";

    @AttributeDefinition(
            name = "%mail.imapFolder.name",
            description = "%mail.imapFolder.description")
    String imapFolder() default "INBOX";

    @AttributeDefinition(
            name = "%mail.pollSeconds.name",
            description = "%mail.pollSeconds.description",
            min = "10",
            max = "86400")
    int pollSeconds() default 300;

    @AttributeDefinition(
            name = "%mail.bounceMaxBytes.name",
            description = "%mail.bounceMaxBytes.description",
            min = "1000",
            max = "10485760")
    int bounceMaxBytes() default 1024 * 1024;

    @AttributeDefinition(
            name = "%mail.bouncesPerPoll.name",
            description = "%mail.bouncesPerPoll.description",
            min = "1",
            max = "1000")
    int bouncesPerPoll() default 100;
}
