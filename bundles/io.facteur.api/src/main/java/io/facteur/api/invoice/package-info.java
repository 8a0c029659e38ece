/**
 * The semantic invoice: immutable records of the EN 16931 business terms the platform checks and
 * searches, independent of the syntax (Factur-X, CII, UBL) they were read from.
 */
@Version("1.1.0")
@Export
package io.facteur.api.invoice;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
