package io.facteur.core.internal.registry;

import java.util.List;

/**
 * The settings a capability declares in its Metatype, in the caller's language.
 *
 * @param pid the (factory) PID under which its settings are stored
 * @param name the localized name
 * @param description the localized description
 * @param attributes its attributes in declaration order
 */
public record SettingsSchema(
        String pid, String name, String description, List<Attribute> attributes) {

    public SettingsSchema {
        attributes = List.copyOf(attributes);
    }

    /** The attribute with that id, or null. */
    public Attribute attribute(String id) {
        return attributes.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * One setting.
     *
     * @param id the property key
     * @param type STRING, INTEGER, LONG, DOUBLE, FLOAT, BOOLEAN, PASSWORD, ...
     * @param label the localized label
     * @param description the localized description
     * @param required whether a value must be given
     * @param multiple whether several values are allowed
     * @param defaults the default values, empty when none
     * @param options the allowed values with their labels, empty when free
     * @param secret true for passwords: written, never read back
     */
    public record Attribute(
            String id,
            String type,
            String label,
            String description,
            boolean required,
            boolean multiple,
            List<String> defaults,
            List<Option> options,
            boolean secret) {}

    /**
     * An allowed value.
     *
     * @param value the value stored
     * @param label the localized label
     */
    public record Option(String value, String label) {}
}
