/** The Peppol BIS Billing 3.0 receiver adapter; never exported. */
package io.facteur.adapter.peppol.internal;
