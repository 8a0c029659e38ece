/**
 * Facteur's extension points: the services a capability bundle implements (readers, validators,
 * channels, connectors, ...) and the few the core provides to them.
 */
@Version("5.1.0")
@Export
package io.facteur.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
