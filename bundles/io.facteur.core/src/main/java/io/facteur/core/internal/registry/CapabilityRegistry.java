package io.facteur.core.internal.registry;

import io.facteur.api.Capability;
import io.facteur.core.internal.registry.MetatypeSchemas.Found;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings registry: tracks every service that carries the {@code facteur.capability} property,
 * whatever extension point it serves, and reads its settings from the Metatype of its bundle. A
 * bundle installed at runtime appears as soon as its service registers, and disappears with it.
 */
@Component(service = CapabilityRegistry.class)
public class CapabilityRegistry {
    private final Logger logger = LoggerFactory.getLogger(CapabilityRegistry.class);
    private final MetaTypeService metatype;
    private final ConfigurationAdmin configAdmin;
    private final ConcurrentMap<ServiceReference<Object>, Entry> entries =
            new ConcurrentHashMap<>();
    private final ServiceTracker<Object, Entry> tracker;

    /** A tracked capability service. */
    private record Entry(String id, String kind, String label, String settingsPid, Bundle bundle) {}

    @Activate
    public CapabilityRegistry(
            BundleContext context,
            @Reference MetaTypeService metatype,
            @Reference ConfigurationAdmin configAdmin)
            throws InvalidSyntaxException {
        this.metatype = metatype;
        this.configAdmin = configAdmin;
        this.tracker =
                new ServiceTracker<>(
                        context, context.createFilter(Capability.FILTER), new Customizer());
        this.tracker.open(true);
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** Every capability installed now, sorted by id. */
    public List<CapabilityInfo> list() {
        return entries.values().stream()
                .map(this::info)
                .sorted(Comparator.comparing(CapabilityInfo::id))
                .toList();
    }

    /** The capability with that id, if installed. */
    public Optional<CapabilityInfo> find(String id) {
        return entry(id).map(this::info);
    }

    /** Its settings schema in the given language; empty when it has none or is not installed. */
    public Optional<SettingsSchema> schema(String id, Locale locale) {
        return definition(id, locale).map(Found::schema);
    }

    /**
     * The schema (in English) with the Metatype's own check of a value against its attribute's
     * range, for validating settings before they are stored.
     */
    public Optional<Validation> schemaForValidation(String id) {
        return definition(id, Locale.ENGLISH)
                .map(
                        f ->
                                new Validation(
                                        f.schema(),
                                        (attribute, value) -> {
                                            for (var ad :
                                                    f.ocd()
                                                            .getAttributeDefinitions(
                                                                    org.osgi.service.metatype
                                                                            .ObjectClassDefinition
                                                                            .ALL)) {
                                                if (ad.getID().equals(attribute)) {
                                                    return ad.validate(value);
                                                }
                                            }
                                            return null;
                                        }));
    }

    /**
     * A schema and the Metatype's range check.
     *
     * @param schema the schema
     * @param rangeCheck (attribute, value) to an error message, or null/empty when valid
     */
    public record Validation(
            SettingsSchema schema,
            java.util.function.BiFunction<String, String, String> rangeCheck) {}

    private Optional<Found> definition(String id, Locale locale) {
        return entry(id)
                .flatMap(e -> MetatypeSchemas.find(metatype, e.bundle(), e.settingsPid(), locale));
    }

    private Optional<Entry> entry(String id) {
        // when two services claim one id, the one with the lowest service id wins, as in DS
        return entries.entrySet().stream()
                .filter(e -> e.getValue().id().equals(id))
                .min(Map.Entry.comparingByKey(Comparator.comparing(CapabilityRegistry::serviceId)))
                .map(Map.Entry::getValue);
    }

    private static long serviceId(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    private CapabilityInfo info(Entry e) {
        return new CapabilityInfo(
                e.id(),
                e.kind(),
                e.label(),
                e.bundle().getSymbolicName(),
                e.bundle().getVersion().toString(),
                e.settingsPid(),
                state(e));
    }

    private CapabilityState state(Entry e) {
        Optional<Found> found = MetatypeSchemas.find(metatype, e.bundle(), e.settingsPid(), null);
        boolean needsValue =
                found.map(
                                f ->
                                        f.schema().attributes().stream()
                                                .anyMatch(
                                                        a ->
                                                                a.required()
                                                                        && a.defaults().isEmpty()
                                                                        && !a.id().equals(
                                                                                        "dossier")))
                        .orElse(false);
        if (!needsValue) {
            return CapabilityState.ACTIVE;
        }
        try {
            String filter =
                    "(|(service.factoryPid="
                            + e.settingsPid()
                            + ")(service.pid="
                            + e.settingsPid()
                            + "))";
            Configuration[] configs = configAdmin.listConfigurations(filter);
            return configs == null || configs.length == 0
                    ? CapabilityState.NEEDS_SETTINGS
                    : CapabilityState.ACTIVE;
        } catch (IOException | InvalidSyntaxException ex) {
            logger.warn("Cannot list the settings of {}: {}", e.id(), ex.getMessage());
            return CapabilityState.NEEDS_SETTINGS;
        }
    }

    private final class Customizer implements ServiceTrackerCustomizer<Object, Entry> {
        @Override
        public Entry addingService(ServiceReference<Object> ref) {
            Entry entry =
                    new Entry(
                            string(ref, Capability.ID),
                            string(ref, Capability.KIND),
                            string(ref, Capability.LABEL),
                            string(ref, Capability.SETTINGS_PID),
                            ref.getBundle());
            if (entry.bundle() == null) {
                return null; // unregistered meanwhile
            }
            entries.put(ref, entry);
            logger.info(
                    "Capability {} ({}) available from {}",
                    entry.id(),
                    entry.kind(),
                    entry.bundle().getSymbolicName());
            return entry;
        }

        @Override
        public void modifiedService(ServiceReference<Object> ref, Entry old) {
            removedService(ref, old);
            addingService(ref);
        }

        @Override
        public void removedService(ServiceReference<Object> ref, Entry entry) {
            entries.remove(ref);
            logger.info("Capability {} removed", entry.id());
        }
    }

    private static String string(ServiceReference<?> ref, String key) {
        Object v = ref.getProperty(key);
        return v == null ? "" : v.toString();
    }
}
