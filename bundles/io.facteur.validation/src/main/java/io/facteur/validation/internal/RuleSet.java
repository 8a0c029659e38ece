package io.facteur.validation.internal;

import com.helger.diver.api.coord.DVRCoordinate;

/**
 * One phive validation executor set as reports name it.
 *
 * @param label the rules and their version, such as {@code EN16931-CII 1.3.16}
 * @param id the phive coordinate of the executor set
 */
record RuleSet(String label, DVRCoordinate id) {

    static RuleSet of(String name, DVRCoordinate id) {
        return new RuleSet(name + " " + id.getVersionObj().getAsString(), id);
    }
}
