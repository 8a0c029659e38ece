package io.facteur.core.internal.registry;

/** The state of a capability as an admin sees it. */
public enum CapabilityState {
    /** Installed and usable. */
    ACTIVE,
    /** Installed, but a required setting has no value for any dossier yet. */
    NEEDS_SETTINGS
}
