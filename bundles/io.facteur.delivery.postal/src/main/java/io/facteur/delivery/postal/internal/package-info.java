/** Postal delivery through a print service's drop folder; never exported. */
package io.facteur.delivery.postal.internal;
