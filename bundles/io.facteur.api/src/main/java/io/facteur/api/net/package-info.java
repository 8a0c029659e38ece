/**
 * Network checks shared by every bundle that calls out to an address an admin or a customer typed
 * (webhooks, HTTP export connectors): which addresses are on the public internet, so that a URL
 * cannot be turned against the platform's own network (server-side request forgery).
 */
@Version("1.0.0")
@Export
package io.facteur.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
