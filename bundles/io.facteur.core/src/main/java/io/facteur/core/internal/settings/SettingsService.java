package io.facteur.core.internal.settings;

import io.facteur.core.internal.registry.CapabilityRegistry;
import io.facteur.core.internal.registry.SettingsSchema;
import io.facteur.core.internal.registry.SettingsSchema.Attribute;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-dossier settings of capabilities, kept in ConfigAdmin as the factory configuration {@code
 * <pid>~<dossier>} with a {@code dossier} property: the same values the web console and {@code
 * config:*} show and edit.
 */
@Component(service = SettingsService.class)
public class SettingsService {
    /** Property naming the dossier of a per-dossier configuration. */
    public static final String DOSSIER = "dossier";

    private final Logger logger = LoggerFactory.getLogger(SettingsService.class);
    private final CapabilityRegistry registry;
    private final ConfigurationAdmin configAdmin;
    private final EtcFiles etcFiles;

    @Activate
    public SettingsService(
            @Reference CapabilityRegistry registry,
            @Reference ConfigurationAdmin configAdmin,
            BundleContext context) {
        this.registry = registry;
        this.configAdmin = configAdmin;
        this.etcFiles = new EtcFiles(context.getProperty("karaf.etc"));
    }

    /** Settings could not be saved: the values break the schema. */
    public static final class InvalidSettingsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Violation> violations;

        InvalidSettingsException(List<Violation> violations) {
            super("Invalid settings: " + violations);
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** The dossier's settings of a capability; empty when the capability has no settings schema. */
    public Optional<DossierSettings> get(String dossier, String capability) throws IOException {
        Optional<SettingsSchema> schema = registry.schema(capability, Locale.ENGLISH);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        Dictionary<String, Object> props = configuration(schema.get(), dossier).getProperties();
        return Optional.of(visible(dossier, capability, schema.get(), props));
    }

    /**
     * Replaces the dossier's settings of a capability; secrets left out keep their value.
     *
     * @throws InvalidSettingsException naming each refused attribute; nothing is written then
     */
    public Optional<DossierSettings> put(
            String dossier, String capability, Map<String, Object> submitted)
            throws IOException, InvalidSettingsException {
        var definition = registry.schemaForValidation(capability);
        if (definition.isEmpty()) {
            return Optional.empty();
        }
        SettingsSchema schema = definition.get().schema();
        Configuration config = configuration(schema, dossier);
        Dictionary<String, Object> old = config.getProperties();
        List<String> secretsSet = secretsSet(schema, old);
        SettingsValidator.Result result =
                new SettingsValidator(schema, definition.get().rangeCheck())
                        .validate(submitted, secretsSet, Map.of(DOSSIER, dossier));
        if (!result.valid()) {
            throw new InvalidSettingsException(result.violations());
        }
        Hashtable<String, Object> props = new Hashtable<>(result.values());
        props.put(DOSSIER, dossier);
        for (String secret : secretsSet) {
            if (!props.containsKey(secret)) {
                props.put(secret, old.get(secret));
            }
        }
        etcFiles.save(config, props);
        logger.info("Settings of {} for dossier {} changed", capability, dossier);
        return Optional.of(visible(dossier, capability, schema, props));
    }

    private Configuration configuration(SettingsSchema schema, String dossier) throws IOException {
        return configAdmin.getFactoryConfiguration(schema.pid(), dossier, "?");
    }

    private static List<String> secretsSet(
            SettingsSchema schema, Dictionary<String, Object> props) {
        List<String> out = new ArrayList<>();
        if (props != null) {
            for (Attribute a : schema.attributes()) {
                if (a.secret() && props.get(a.id()) != null) {
                    out.add(a.id());
                }
            }
        }
        return out;
    }

    private static DossierSettings visible(
            String dossier,
            String capability,
            SettingsSchema schema,
            Dictionary<String, Object> props) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (props != null) {
            for (Attribute a : schema.attributes()) {
                Object v = props.get(a.id());
                if (v != null && !a.secret()) {
                    values.put(a.id(), v.getClass().isArray() ? asList(v) : v);
                }
            }
        }
        return new DossierSettings(
                dossier,
                capability,
                schema.pid() + "~" + dossier,
                values,
                secretsSet(schema, props));
    }

    private static List<Object> asList(Object array) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            out.add(Array.get(array, i));
        }
        return out;
    }
}
