package io.facteur.core.internal.settings;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Hashtable;
import java.util.Map;
import org.apache.felix.utils.properties.TypedProperties;
import org.osgi.service.cm.Configuration;

/**
 * Keeps a configuration both in ConfigAdmin and as {@code etc/<pid>.cfg}, the way Karaf's file
 * install reads and writes it: an operator sees and edits the file, the web console and {@code
 * config:*} see the same values. The file is written atomically after ConfigAdmin is updated, and
 * names itself in {@value #FILE_NAME} so that file install recognises it as unchanged.
 */
public final class EtcFiles {
    /** Property by which Karaf's file install ties a configuration to its file. */
    static final String FILE_NAME = "felix.fileinstall.filename";

    private final File etc;

    /**
     * @param etc Karaf's etc folder, or null outside Karaf (then only ConfigAdmin is written)
     */
    public EtcFiles(String etc) {
        this.etc = etc == null ? null : new File(etc);
    }

    public void save(Configuration config, Map<String, Object> values) throws IOException {
        Hashtable<String, Object> props = new Hashtable<>(values);
        if (etc == null) {
            config.update(props);
            return;
        }
        File file = new File(etc, config.getPid() + ".cfg");
        props.put(FILE_NAME, file.toURI().toString());
        config.update(props);
        TypedProperties typed = new TypedProperties();
        typed.putAll(values);
        Path tmp = Files.createTempFile(etc.toPath(), ".facteur-", ".tmp");
        try {
            typed.save(tmp.toFile());
            Files.move(
                    tmp,
                    file.toPath(),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes the configuration and its file. */
    public void delete(Configuration config) throws IOException {
        String pid = config.getPid();
        config.delete();
        if (etc != null) {
            Files.deleteIfExists(new File(etc, pid + ".cfg").toPath());
        }
    }
}
