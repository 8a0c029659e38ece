package io.facteur.core.internal.export;

/** Where a connector stands; it exports only when ACTIVE. */
public enum ConnectorState {
    /** Fields filled, no successful test with the current connection settings. */
    DRAFT,
    /** Tested successfully with the current connection settings, not switched on. */
    TESTED,
    /** Switched on after a successful test: exports. */
    ACTIVE,
    /** Switched off by an admin; its waiting exports wait. */
    DISABLED
}
