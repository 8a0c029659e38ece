package io.facteur.adapter.peppol.internal;

import java.util.Set;
import java.util.regex.Pattern;

/** Peppol BIS Billing 3.0: its identifiers and the countries whose receivers use it by default. */
final class Peppol {

    /** The specification identifier (BT-24) of Peppol BIS Billing 3.0. */
    static final String SPECIFICATION =
            "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";

    /** The business process (BT-23) of billing, when the invoice names none of Peppol's. */
    static final String BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    /** A Peppol business process identifier (rule PEPPOL-EN16931-R007). */
    static final Pattern PROCESS =
            Pattern.compile("urn:fdc:peppol\\.eu:2017:poacc:billing:\\d{2}:1\\.0");

    /** The business terms of the record it may set. */
    static final Set<String> ADDS = Set.of("BT-23", "BT-24", "BT-49");

    /** Where receivers are reached over Peppol unless they chose another form. */
    static final Set<String> COUNTRIES = Set.of("BE", "NL", "LU", "NO", "SE", "DK", "FI", "IS");

    /**
     * Electronic address schemes of EN 16931's code list that Peppol does not route by: e-mail
     * ({@code EM}), removed from Peppol's list (rule PEPPOL-EN16931-CL008).
     */
    static final Set<String> NOT_ROUTED = Set.of("EM");

    private Peppol() {}

    /** Whether Peppol routes by addresses of this scheme (given, and not one it left out). */
    static boolean routable(String scheme) {
        return !scheme.isEmpty() && !NOT_ROUTED.contains(scheme);
    }
}
