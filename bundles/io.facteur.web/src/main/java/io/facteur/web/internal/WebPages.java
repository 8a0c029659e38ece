package io.facteur.web.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * Serves the pages under {@code /facteur/ui/} in the platform's {@code facteur} HTTP context, which
 * lets only the realm's admins in.
 */
@Component(service = WebPages.class)
@HttpWhiteboardResource(pattern = "/ui/*", prefix = "/web")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=facteur)")
public class WebPages {}
