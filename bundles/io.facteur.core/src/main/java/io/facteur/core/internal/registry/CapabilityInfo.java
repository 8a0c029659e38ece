package io.facteur.core.internal.registry;

/**
 * What the registry knows of one installed capability.
 *
 * @param id the capability id ({@code facteur.capability})
 * @param kind the extension point it serves
 * @param label the label its service declares
 * @param bundle the symbolic name of the bundle that provides it
 * @param version the bundle's version
 * @param settingsPid the Metatype PID of its settings, empty when it has none
 * @param state what an admin must do about it
 */
public record CapabilityInfo(
        String id,
        String kind,
        String label,
        String bundle,
        String version,
        String settingsPid,
        CapabilityState state) {}
