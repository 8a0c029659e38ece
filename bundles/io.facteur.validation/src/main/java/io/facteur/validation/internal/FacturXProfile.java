package io.facteur.validation.internal;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.zugferd.ZugferdValidation;
import java.util.List;
import java.util.Optional;

/**
 * The five Factur-X 1.0 / ZUGFeRD 2.x profiles, each with the specification identifiers (BT-24)
 * that declare it and the newest rules phive-rules-zugferd has for it (ZUGFeRD 2.4, which is
 * Factur-X 1.0.8, and whose code lists accept the ZUGFeRD 2.0 identifiers as well).
 */
enum FacturXProfile {
    MINIMUM(
            "MINIMUM",
            ZugferdValidation.VID_ZUGFERD_2_4_MINIMUM,
            "urn:factur-x.eu:1p0:minimum",
            "urn:zugferd.de:2p0:minimum"),
    BASIC_WL(
            "BASIC-WL",
            ZugferdValidation.VID_ZUGFERD_2_4_BASIC_WL,
            "urn:factur-x.eu:1p0:basicwl",
            "urn:zugferd.de:2p0:basicwl"),
    BASIC(
            "BASIC",
            ZugferdValidation.VID_ZUGFERD_2_4_BASIC,
            "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
            "urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic"),
    EN16931("EN16931", ZugferdValidation.VID_ZUGFERD_2_4_EN16931, "urn:cen.eu:en16931:2017"),
    EXTENDED(
            "EXTENDED",
            ZugferdValidation.VID_ZUGFERD_2_4_EXTENDED,
            "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
            "urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended");

    private final RuleSet ruleSet;
    private final List<String> identifiers;

    FacturXProfile(String label, DVRCoordinate zugferdRules, String... identifiers) {
        // phive registers the Factur-X name as an alias of the ZUGFeRD set: one compiled set
        this.ruleSet =
                RuleSet.of(
                        "Factur-X-" + label, ZugferdValidation.getMappedFacturXVESID(zugferdRules));
        this.identifiers = List.of(identifiers);
    }

    /** The profile this specification identifier (BT-24) declares, compared exactly. */
    static Optional<FacturXProfile> declaredBy(String bt24) {
        String declared = bt24 == null ? "" : bt24.strip();
        for (FacturXProfile profile : values()) {
            if (profile.identifiers.contains(declared)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    /** The profile whose rules are this phive set. */
    static Optional<FacturXProfile> checkedBy(DVRCoordinate ruleSet) {
        for (FacturXProfile profile : values()) {
            if (profile.ruleSet.id().equals(ruleSet)) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    /** The specification identifiers (BT-24) that declare this profile. */
    List<String> identifiers() {
        return identifiers;
    }

    /** The rules under their Factur-X name and version, such as {@code Factur-X-BASIC 1.0.8}. */
    RuleSet ruleSet() {
        return ruleSet;
    }

    /**
     * Whether {@code validation.en16931} checks documents of this profile too: not MINIMUM and
     * BASIC WL, which are no complete invoices.
     */
    boolean checkedByEn16931() {
        return !En16931Validator.partialProfile(identifiers.get(0));
    }
}
