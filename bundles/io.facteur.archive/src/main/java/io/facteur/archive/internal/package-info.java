/** The file-based legal archive; never exported. */
package io.facteur.archive.internal;
