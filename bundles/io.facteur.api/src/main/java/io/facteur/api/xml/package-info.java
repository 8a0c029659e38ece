/**
 * XML parsing for every bundle of Facteur, hardened once: no DOCTYPE, no external entities, no
 * XInclude, the JDK's own parsers. Readers, validators and adapters use these factories instead of
 * their own, so that a hostile invoice is refused the same way everywhere.
 */
@Version("1.1.0")
@Export
package io.facteur.api.xml;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
