package io.facteur.channel.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The platform's import mailbox and its limits: one configuration {@value #PID} for the whole
 * installation ({@code etc/io.facteur.channel.mail.cfg} or the web console). The password is a
 * private property ({@code .imapPassword}) so that Declarative Services never publishes it as a
 * service property.
 */
@ObjectClassDefinition(
        id = MailImportSettings.PID,
        name = "%import.name",
        description = "%import.description",
        localization = "OSGI-INF/l10n/import")
public @interface MailImportSettings {
    /** PID of the settings. */
    String PID = "io.facteur.channel.mail";

    @AttributeDefinition(
            name = "%import.imapHost.name",
            description = "%import.imapHost.description",
            required = false)
    String imapHost() default "";

    @AttributeDefinition(
            name = "%import.imapPort.name",
            description = "%import.imapPort.description",
            min = "1",
            max = "65535")
    int imapPort() default 993;

    @AttributeDefinition(name = "%import.imapTls.name", description = "%import.imapTls.description")
    boolean imapTls() default true;

    @AttributeDefinition(
            name = "%import.imapUser.name",
            description = "%import.imapUser.description",
            required = false)
    String imapUser() default "";

    @AttributeDefinition(
            name = "%import.imapPassword.name",
            description = "%import.imapPassword.description",
            type = AttributeType.PASSWORD,
            required = false)
    String _imapPassword() default "";

    @AttributeDefinition(
            name = "%import.imapFolder.name",
            description = "%import.imapFolder.description")
    String imapFolder() default "INBOX";

    @AttributeDefinition(
            name = "%import.processedFolder.name",
            description = "%import.processedFolder.description")
    String processedFolder() default "Processed";

    @AttributeDefinition(
            name = "%import.rejectedFolder.name",
            description = "%import.rejectedFolder.description")
    String rejectedFolder() default "Rejected";

    @AttributeDefinition(
            name = "%import.address.name",
            description = "%import.address.description",
            required = false)
    String importAddress() default "";

    @AttributeDefinition(
            name = "%import.pollSeconds.name",
            description = "%import.pollSeconds.description",
            min = "1",
            max = "86400")
    int pollSeconds() default 60;

    @AttributeDefinition(
            name = "%import.connectTimeoutSeconds.name",
            description = "%import.connectTimeoutSeconds.description",
            min = "1",
            max = "300")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(
            name = "%import.readTimeoutSeconds.name",
            description = "%import.readTimeoutSeconds.description",
            min = "5",
            max = "600")
    int readTimeoutSeconds() default 60;

    @AttributeDefinition(
            name = "%import.maxMessageBytes.name",
            description = "%import.maxMessageBytes.description",
            min = "10000",
            max = "209715200")
    int maxMessageBytes() default 25 * 1024 * 1024;

    @AttributeDefinition(
            name = "%import.zipMaxEntries.name",
            description = "%import.zipMaxEntries.description",
            min = "1",
            max = "10000")
    int zipMaxEntries() default 200;

    @AttributeDefinition(
            name = "%import.zipMaxBytes.name",
            description = "%import.zipMaxBytes.description",
            min = "10000",
            max = "524288000")
    int zipMaxBytes() default 50 * 1024 * 1024;

    @AttributeDefinition(
            name = "%import.zipMaxRatio.name",
            description = "%import.zipMaxRatio.description",
            min = "2",
            max = "10000")
    int zipMaxRatio() default 100;

    @AttributeDefinition(
            name = "%import.requireSenderAuthentication.name",
            description = "%import.requireSenderAuthentication.description")
    boolean requireSenderAuthentication() default true;

    @AttributeDefinition(
            name = "%import.authservId.name",
            description = "%import.authservId.description",
            required = false)
    String authservId() default "";

    @AttributeDefinition(
            name = "%import.mailsPerPoll.name",
            description = "%import.mailsPerPoll.description",
            min = "1",
            max = "10000")
    int mailsPerPoll() default 500;
}
