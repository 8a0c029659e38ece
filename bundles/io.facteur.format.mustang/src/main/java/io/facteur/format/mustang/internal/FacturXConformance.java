package io.facteur.format.mustang.internal;

import java.util.List;
import java.util.Optional;
import org.mustangproject.ZUGFeRD.Profile;
import org.mustangproject.ZUGFeRD.Profiles;

/**
 * The Factur-X profile (the XMP {@code fx:ConformanceLevel}) of a CII invoice, from its
 * specification identifier (BT-24): a Factur-X / ZUGFeRD 2 profile by its own identifier, any
 * XRechnung version as XRECHNUNG, another EN 16931 CIUS ({@code #compliant#}) as EN 16931 and
 * another extension ({@code #conformant#}) as EXTENDED.
 */
final class FacturXConformance {

    private static final String EN16931 = "urn:cen.eu:en16931:2017";
    private static final String XRECHNUNG = EN16931 + "#compliant#urn:xeinkauf.de:kosit:xrechnung_";

    private static final List<String> PROFILES =
            List.of(
                    "MINIMUM",
                    "BASICWL",
                    "BASIC",
                    "EN16931",
                    "EXTENDED",
                    "EXTENDED-CTC-FR",
                    "XRECHNUNG");

    private FacturXConformance() {}

    /** The profile of that BT-24, empty when it is no Factur-X profile. */
    static Optional<Profile> of(String specification) {
        String id = specification == null ? "" : specification.strip();
        for (String name : PROFILES) {
            Profile profile = Profiles.getByName(name, 2);
            if (profile != null && profile.getID().equals(id)) {
                return Optional.of(profile);
            }
        }
        if (id.startsWith(XRECHNUNG)) {
            return Optional.of(Profiles.getByName("XRECHNUNG", 2));
        }
        if (id.startsWith(EN16931 + "#compliant#urn:")) {
            return Optional.of(Profiles.getByName("EN16931", 2));
        }
        if (id.startsWith(EN16931 + "#conformant#urn:")) {
            return Optional.of(Profiles.getByName("EXTENDED", 2));
        }
        return Optional.empty();
    }
}
