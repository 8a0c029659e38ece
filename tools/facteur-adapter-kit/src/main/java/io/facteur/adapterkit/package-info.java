/**
 * The receiver adapter conformance kit: country teams run their adapter over a corpus in their
 * tests, with the check the core makes (nothing but the declared business terms changes, the
 * target's rules find no error).
 */
package io.facteur.adapterkit;
