package io.facteur.format.mustang.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mustangproject.ZUGFeRD.Profiles;

/**
 * The specification identifiers (BT-24) a Factur-X / ZUGFeRD PDF may declare: the profiles Mustang
 * knows (MINIMUM to EXTENDED, XRechnung, ZUGFeRD 1.0 BASIC to EXTENDED), and any EN 16931 core or
 * CIUS/extension identifier, such as an XRechnung version or a national extension.
 */
final class FacturXProfiles {

    private static final Pattern EN16931 =
            Pattern.compile("urn:cen\\.eu:en16931:2017(#(compliant|conformant)#urn:\\S+)?");

    private final Set<String> known = new HashSet<>();

    FacturXProfiles() {
        for (String name :
                List.of("MINIMUM", "BASICWL", "BASIC", "EN16931", "EXTENDED", "XRECHNUNG")) {
            known.add(Profiles.getByName(name, 2).getID());
        }
        for (String name : List.of("BASIC", "COMFORT", "EXTENDED")) {
            known.add(Profiles.getByName(name, 1).getID());
        }
    }

    boolean isKnown(String specification) {
        return known.contains(specification) || EN16931.matcher(specification).matches();
    }
}
