package io.facteur.core.internal.rest;

import javax.ws.rs.core.Application;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Facteur's JAX-RS application at {@code /api}. Resources, filters and providers of any bundle join
 * it with {@code osgi.jaxrs.application.select=(osgi.jaxrs.name=facteur)}.
 */
@Component(service = Application.class)
@JaxrsApplicationBase("api")
@JaxrsName(FacteurApplication.NAME)
public class FacteurApplication extends Application {
    /** The application's name. */
    public static final String NAME = "facteur";

    /** Filter that selects this application. */
    public static final String SELECT = "(osgi.jaxrs.name=" + NAME + ")";
}
