/** The German receiver adapters (XRechnung 3.0 in UBL and CII); never exported. */
package io.facteur.adapter.de.internal;
