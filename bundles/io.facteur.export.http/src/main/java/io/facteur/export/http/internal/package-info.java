/** The HTTP export connector; never exported. */
package io.facteur.export.http.internal;
