package io.facteur.core.internal.export;

import io.facteur.core.internal.settings.EtcFiles;
import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Connection settings as factory configurations {@code <pid>~<dossier>.<connector>}, kept under
 * {@code etc/} like every configuration Karaf shows: the web console and {@code config:*} see and
 * edit the same values.
 */
@Component(service = ConnectionSettings.class)
public class ConfigAdminConnectionSettings implements ConnectionSettings {
    private final ConfigurationAdmin configAdmin;
    private final EtcFiles etcFiles;

    @Activate
    public ConfigAdminConnectionSettings(
            @Reference ConfigurationAdmin configAdmin, BundleContext context) {
        this.configAdmin = configAdmin;
        this.etcFiles = new EtcFiles(context.getProperty("karaf.etc"));
    }

    @Override
    public Map<String, Object> load(String pid, String dossier, String connector)
            throws IOException {
        Configuration config = existing(pid, dossier, connector);
        Dictionary<String, Object> props = config == null ? null : config.getProperties();
        if (props == null) {
            return Map.of();
        }
        Map<String, Object> out = new HashMap<>();
        for (String key : Collections.list(props.keys())) {
            out.put(key, props.get(key));
        }
        return out;
    }

    @Override
    public void save(String pid, String dossier, String connector, Map<String, Object> values)
            throws IOException {
        etcFiles.save(
                configAdmin.getFactoryConfiguration(pid, name(dossier, connector), "?"), values);
    }

    @Override
    public void delete(String pid, String dossier, String connector) throws IOException {
        Configuration config = existing(pid, dossier, connector);
        if (config != null) {
            etcFiles.delete(config);
        }
    }

    private Configuration existing(String pid, String dossier, String connector)
            throws IOException {
        try {
            Configuration[] found =
                    configAdmin.listConfigurations(
                            "(service.pid=" + pid + "~" + name(dossier, connector) + ")");
            return found == null || found.length == 0 ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IOException("Bad connector name " + connector, e);
        }
    }

    /** The factory configuration's name: the dossier, then the connector. */
    static String name(String dossier, String connector) {
        return dossier + "." + connector;
    }
}
