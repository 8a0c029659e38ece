/** PDF/A conformance of Factur-X / ZUGFeRD PDFs with veraPDF; never exported. */
package io.facteur.validation.pdfa.internal;
