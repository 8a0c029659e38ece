package io.facteur.core.internal.export;

import java.io.IOException;
import java.util.Map;

/** Where the connection settings of connectors are kept: ConfigAdmin in Karaf, memory in tests. */
public interface ConnectionSettings {
    /** The stored settings, secrets included; empty when there are none. */
    Map<String, Object> load(String pid, String dossier, String connector) throws IOException;

    /** Replaces the settings. */
    void save(String pid, String dossier, String connector, Map<String, Object> values)
            throws IOException;

    /** Forgets them. */
    void delete(String pid, String dossier, String connector) throws IOException;
}
