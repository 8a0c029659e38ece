package io.facteur.core.internal.export;

import java.util.Set;

/** Which documents a connector exports, by their type code (BT-3). */
public enum DocumentKinds {
    INVOICES,
    CREDIT_NOTES,
    ALL;

    /**
     * UNTDID 1001 codes of credit notes (EN 16931: 381, 261, 262, 296, 308, 396, 420, 458, 532).
     */
    private static final Set<String> CREDIT_NOTE_CODES =
            Set.of("81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532");

    /** Whether a document of that type code is exported. */
    public boolean includes(String typeCode) {
        boolean credit = typeCode != null && CREDIT_NOTE_CODES.contains(typeCode.strip());
        return switch (this) {
            case INVOICES -> !credit;
            case CREDIT_NOTES -> credit;
            case ALL -> true;
        };
    }
}
