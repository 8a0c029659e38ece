/**
 * Online invoice creation: seller profiles, drafts, numbering, Factur-X rendering; never exported.
 */
package io.facteur.invoicing.internal;
