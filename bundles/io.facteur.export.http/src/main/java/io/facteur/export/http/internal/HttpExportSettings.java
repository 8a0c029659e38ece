package io.facteur.export.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The connection fields of one HTTP export connector of a dossier: a factory configuration {@code
 * io.facteur.export.http~<dossier>.<connector>} kept by the core and handed to {@link
 * HttpConnector} with every test and send.
 */
@ObjectClassDefinition(
        id = HttpExportSettings.PID,
        name = "%http.name",
        description = "%http.description",
        localization = "OSGI-INF/l10n/http")
public @interface HttpExportSettings {
    /** Factory PID of the connectors' settings. */
    String PID = "io.facteur.export.http";

    @AttributeDefinition(name = "%http.dossier.name", description = "%http.dossier.description")
    String dossier();

    @AttributeDefinition(name = "%http.connector.name", description = "%http.connector.description")
    String connector();

    @AttributeDefinition(name = "%http.url.name", description = "%http.url.description")
    String url();

    @AttributeDefinition(
            name = "%http.method.name",
            description = "%http.method.description",
            options = {
                @Option(value = "POST", label = "POST"),
                @Option(value = "PUT", label = "PUT")
            })
    String method() default "POST";

    @AttributeDefinition(
            name = "%http.authentication.name",
            description = "%http.authentication.description",
            options = {
                @Option(value = "none", label = "%authentication.none"),
                @Option(value = "basic", label = "%authentication.basic"),
                @Option(value = "bearer", label = "%authentication.bearer"),
                @Option(value = "header", label = "%authentication.header")
            })
    String authentication() default "none";

    @AttributeDefinition(
            name = "%http.username.name",
            description = "%http.username.description",
            required = false)
    String username() default "";

    @AttributeDefinition(
            name = "%http.password.name",
            description = "%http.password.description",
            type = AttributeType.PASSWORD,
            required = false)
    String password() default "";

    @AttributeDefinition(
            name = "%http.token.name",
            description = "%http.token.description",
            type = AttributeType.PASSWORD,
            required = false)
    String token() default "";

    @AttributeDefinition(
            name = "%http.headerName.name",
            description = "%http.headerName.description",
            required = false)
    String headerName() default "";

    @AttributeDefinition(
            name = "%http.headerValue.name",
            description = "%http.headerValue.description",
            type = AttributeType.PASSWORD,
            required = false)
    String headerValue() default "";

    @AttributeDefinition(
            name = "%http.timeoutSeconds.name",
            description = "%http.timeoutSeconds.description",
            min = "1",
            max = "300")
    int timeoutSeconds() default 30;

    @AttributeDefinition(
            name = "%http.contentTypes.name",
            description = "%http.contentTypes.description",
            required = false,
            cardinality = 50)
    String[] contentTypes() default {};

    @AttributeDefinition(
            name = "%http.extraCa.name",
            description = "%http.extraCa.description",
            required = false)
    String extraCa() default "";

    @AttributeDefinition(name = "%http.allowHttp.name", description = "%http.allowHttp.description")
    boolean allowHttp() default false;

    @AttributeDefinition(
            name = "%http.allowPrivateTargets.name",
            description = "%http.allowPrivateTargets.description")
    boolean allowPrivateTargets() default false;
}
