package io.facteur.core.internal.security;

import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.http.context.ServletContextHelper;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The HTTP context {@code facteur} at {@code /facteur}: pages of any web capability registered in
 * it are shown to the admins of the Karaf realm only (HTTP Basic, the same users as the REST API
 * and the web console), so the browser's login also serves the page's calls to {@code /api}.
 */
@Component(
        service = ServletContextHelper.class,
        scope = ServiceScope.BUNDLE,
        configurationPid = SecurityConfig.PID)
@HttpWhiteboardContext(name = AdminWebContext.NAME, path = "/facteur")
public class AdminWebContext extends ServletContextHelper {
    /** The context's name, for {@code osgi.http.whiteboard.context.select}. */
    public static final String NAME = "facteur";

    private final RealmAuthenticator realm;

    @Activate
    public AdminWebContext(ComponentContext context, SecurityConfig config) {
        super(context.getUsingBundle());
        this.realm = new RealmAuthenticator(config.realm(), config.adminRole());
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response)
            throws java.io.IOException {
        Optional<Caller> caller = realm.basic(request.getHeader("Authorization"));
        if (caller.isPresent() && caller.get().admin()) {
            return true;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Facteur\", charset=\"UTF-8\"");
        response.sendError(caller.isPresent() ? 403 : 401);
        return false;
    }
}
