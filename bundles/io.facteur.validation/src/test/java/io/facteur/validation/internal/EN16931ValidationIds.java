package io.facteur.validation.internal;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.en16931.EN16931Validation;

/** The coordinates the tests look up in the library. */
final class EN16931ValidationIds {

    static final DVRCoordinate CII = EN16931Validation.VID_CII_1316;

    private EN16931ValidationIds() {}
}
