/** Validators on phive rule libraries; never exported. */
package io.facteur.validation.internal;
