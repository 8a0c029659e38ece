package io.facteur.channel.mail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link DossierImports} kept in the factory configurations {@code <pid>~<dossier>} of {@link
 * DossierImportSettings}, so that the web console and the core's settings REST show and edit them.
 */
@Component(service = DossierImports.class)
public class ConfigDossierImports implements DossierImports {
    private static final String FILTER = "(service.factoryPid=" + DossierImportSettings.PID + ")";

    private final ConfigurationAdmin configs;

    @Activate
    public ConfigDossierImports(@Reference ConfigurationAdmin configs) {
        this.configs = configs;
    }

    @Override
    public synchronized List<DossierImport> all() {
        List<DossierImport> out = new ArrayList<>();
        try {
            Configuration[] found = configs.listConfigurations(FILTER);
            if (found == null) {
                return out;
            }
            for (Configuration c : found) {
                String pid = c.getPid();
                int tilde = pid.indexOf('~');
                if (tilde > 0 && c.getProperties() != null) {
                    out.add(ensureToken(pid.substring(tilde + 1), c));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public synchronized DossierImport get(String dossier) {
        return ensureToken(dossier, configuration(dossier));
    }

    @Override
    public synchronized Optional<DossierImport> find(String dossier) {
        Configuration c = configuration(dossier);
        return c.getProperties() == null ? Optional.empty() : Optional.of(read(dossier, c));
    }

    @Override
    public synchronized String regenerate(String dossier) {
        Configuration c = configuration(dossier);
        String token = ImportToken.generate();
        update(c, token);
        return token;
    }

    private Configuration configuration(String dossier) {
        try {
            return configs.getFactoryConfiguration(DossierImportSettings.PID, dossier, "?");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DossierImport ensureToken(String dossier, Configuration c) {
        DossierImport current = read(dossier, c);
        if (ImportToken.usable(current.token())) {
            return current;
        }
        String token = ImportToken.generate();
        update(c, token);
        return new DossierImport(dossier, token, current.trustedSenders());
    }

    private static void update(Configuration c, String token) {
        Dictionary<String, Object> p = c.getProperties();
        Dictionary<String, Object> copy = new Hashtable<>();
        if (p != null) {
            for (var keys = p.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                copy.put(k, p.get(k));
            }
        }
        copy.put(DossierImportSettings.TOKEN, token);
        try {
            c.update(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DossierImport read(String dossier, Configuration c) {
        Dictionary<String, Object> p = c.getProperties();
        if (p == null) {
            return new DossierImport(dossier, "", List.of());
        }
        Object token = p.get(DossierImportSettings.TOKEN);
        return new DossierImport(
                dossier,
                token == null ? "" : token.toString().strip(),
                senders(p.get(DossierImportSettings.TRUSTED_SENDERS)));
    }

    /** Trusted senders from a String[], a collection or one comma-separated string. */
    static List<String> senders(Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof String[] a) {
            raw.addAll(List.of(a));
        } else if (value instanceof Iterable<?> i) {
            i.forEach(o -> raw.add(String.valueOf(o)));
        } else if (value != null) {
            raw.addAll(List.of(value.toString().split(",")));
        }
        List<String> out = new ArrayList<>();
        for (String s : raw) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (!t.isEmpty() && t.length() <= 320 && t.indexOf('@') >= 0) {
                out.add(t);
            }
        }
        return out;
    }
}
