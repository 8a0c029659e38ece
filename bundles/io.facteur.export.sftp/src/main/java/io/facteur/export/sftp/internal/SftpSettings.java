package io.facteur.export.sftp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The connection settings of one SFTP connector of a dossier: a factory configuration {@code
 * io.facteur.export.sftp~<dossier>.<connector>} kept by the core and passed to each test and send.
 */
@ObjectClassDefinition(
        id = SftpSettings.PID,
        name = "%sftp.name",
        description = "%sftp.description",
        localization = "OSGI-INF/l10n/sftp")
public @interface SftpSettings {
    /** Factory PID of the settings. */
    String PID = "io.facteur.export.sftp";

    @AttributeDefinition(
            name = "%sftp.dossier.name",
            description = "%sftp.dossier.description",
            required = false)
    String dossier() default "";

    @AttributeDefinition(
            name = "%sftp.connector.name",
            description = "%sftp.connector.description",
            required = false)
    String connector() default "";

    @AttributeDefinition(name = "%sftp.host.name", description = "%sftp.host.description")
    String host();

    @AttributeDefinition(
            name = "%sftp.port.name",
            description = "%sftp.port.description",
            min = "1",
            max = "65535")
    int port() default 22;

    @AttributeDefinition(name = "%sftp.user.name", description = "%sftp.user.description")
    String user();

    @AttributeDefinition(
            name = "%sftp.password.name",
            description = "%sftp.password.description",
            type = AttributeType.PASSWORD,
            required = false)
    String password() default "";

    @AttributeDefinition(
            name = "%sftp.privateKey.name",
            description = "%sftp.privateKey.description",
            type = AttributeType.PASSWORD,
            required = false)
    String privateKey() default "";

    @AttributeDefinition(
            name = "%sftp.passphrase.name",
            description = "%sftp.passphrase.description",
            type = AttributeType.PASSWORD,
            required = false)
    String passphrase() default "";

    @AttributeDefinition(
            name = "%sftp.remoteDirectory.name",
            description = "%sftp.remoteDirectory.description",
            required = false)
    String remoteDirectory() default ".";

    @AttributeDefinition(
            name = "%sftp.fileNameTemplate.name",
            description = "%sftp.fileNameTemplate.description",
            required = false)
    String fileNameTemplate() default "{number}.{ext}";

    @AttributeDefinition(
            name = "%sftp.hostKey.name",
            description = "%sftp.hostKey.description",
            required = false)
    String hostKey() default "";

    @AttributeDefinition(
            name = "%sftp.timeoutSeconds.name",
            description = "%sftp.timeoutSeconds.description",
            min = "1",
            max = "300")
    int timeoutSeconds() default 20;
}
