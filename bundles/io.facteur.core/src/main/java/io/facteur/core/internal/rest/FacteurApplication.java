package io.facteur.core.internal.rest;

import javax.ws.rs.core.Application;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Facteur's JAX-RS application at {@code /api}. Resources, filters and providers of any bundle join
 * it with {@code osgi.jaxrs.application.select=(osgi.jaxrs.name=facteur)}.
 */
@Component(service = Application.class)
@JaxrsApplicationBase("api")
@JaxrsName(FacteurApplication.NAME)
// deployed only once JSON, problem documents and authentication are there: an extension that
// arrives later would redeploy the application and drop the requests in flight
@JaxrsExtensionSelect({
    "(osgi.jaxrs.name=facteur.json)",
    "(osgi.jaxrs.name=facteur.problems)",
    "(osgi.jaxrs.name=facteur.authentication)"
})
public class FacteurApplication extends Application {
    /** The application's name. */
    public static final String NAME = "facteur";

    /** Filter that selects this application. */
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
