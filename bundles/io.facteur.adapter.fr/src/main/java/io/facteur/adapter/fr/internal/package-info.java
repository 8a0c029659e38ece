/** The French receiver adapters (Factur-X, EXTENDED-CTC-FR in CII); never exported. */
package io.facteur.adapter.fr.internal;
