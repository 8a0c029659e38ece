package io.facteur.core.internal.dossier;

import io.facteur.api.Dossiers;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.settings.SettingsService;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dossiers: identity in the database, defaults as the factory configuration {@code
 * io.facteur.dossier~<id>} so that they show in the web console and with {@code config:*}.
 */
@Component(service = {Dossiers.class, DossierService.class})
public class DossierService implements Dossiers {
    /** What a dossier id may be: it is used in URLs and configuration names. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The capability id under which the dossier defaults are listed. */
    public static final String DOSSIER_DEFAULTS = "dossier";

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final List<String> LANGUAGES = List.of("fr", "en", "de");
    private final Logger logger = LoggerFactory.getLogger(DossierService.class);
    private final DossierStore store;
    private final ConfigurationAdmin configAdmin;
    private final SettingsService settings;

    @Activate
    public DossierService(
            @Reference Database database,
            @Reference ConfigurationAdmin configAdmin,
            @Reference SettingsService settings) {
        this.store = new DossierStore(database);
        this.configAdmin = configAdmin;
        this.settings = settings;
    }

    /** Why a new dossier would be refused, attribute by attribute. */
    public record Violation(String attribute, String message) {}

    /** Checks a dossier before it is created; an empty list means it may be. */
    public static List<Violation> check(Dossier d) {
        var out = new java.util.ArrayList<Violation>();
        if (d.id() == null || !ID.matcher(d.id()).matches()) {
            out.add(
                    new Violation(
                            "id",
                            "1 to 63 lower-case letters, digits or '-', not starting with '-'"));
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            out.add(new Violation("name", "required, at most 200 characters"));
        }
        if (d.country() == null || !COUNTRY.matcher(d.country()).matches()) {
            out.add(new Violation("country", "ISO 3166-1 alpha-2 code in upper case, such as FR"));
        }
        if (d.registrationId() == null
                || d.registrationId().length() > 32
                || !d.registrationId().matches("[A-Za-z0-9 ]*")) {
            out.add(new Violation("registrationId", "at most 32 letters or digits"));
        }
        if (d.vatNumber() == null
                || d.vatNumber().length() > 32
                || !d.vatNumber().matches("[A-Za-z0-9]*")) {
            out.add(new Violation("vatNumber", "at most 32 letters or digits"));
        }
        if (d.language() == null || !LANGUAGES.contains(d.language())) {
            out.add(new Violation("language", "one of " + LANGUAGES));
        }
        return out;
    }

    /**
     * Creates a dossier and its default settings.
     *
     * @return false when the id is taken
     */
    public boolean create(Dossier d) throws SQLException, IOException {
        if (!store.create(d)) {
            return false;
        }
        try {
            settings.put(d.id(), DOSSIER_DEFAULTS, java.util.Map.of("language", d.language()));
        } catch (SettingsService.InvalidSettingsException e) {
            throw new IllegalStateException("Built-in dossier defaults refused: " + e.violations());
        }
        logger.info("Dossier {} created", d.id());
        return true;
    }

    public List<Dossier> list() throws SQLException {
        return store.list();
    }

    @Override
    public Optional<Dossier> find(String dossierId) {
        if (dossierId == null || !ID.matcher(dossierId).matches()) {
            return Optional.empty();
        }
        try {
            return store.find(dossierId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read dossier " + dossierId, e);
        }
    }

    @Override
    public DossierDefaults defaults(String dossierId) {
        Dictionary<String, Object> p = null;
        try {
            p =
                    configAdmin
                            .getFactoryConfiguration(DossierDefaultsConfig.PID, dossierId, "?")
                            .getProperties();
        } catch (IOException e) {
            logger.warn("Cannot read defaults of dossier {}: {}", dossierId, e.getMessage());
        }
        return new DossierDefaults(
                string(p, "language", "fr"),
                Integer.parseInt(string(p, "paymentTermDays", "30")),
                Boolean.parseBoolean(string(p, "automaticDelivery", "false")),
                Boolean.parseBoolean(string(p, "allowReceiverXmlChanges", "false")),
                DuplicateMode.valueOf(string(p, "duplicateMode", "WARN").toUpperCase(Locale.ROOT)),
                Integer.parseInt(string(p, "retentionYears", "10")),
                LanguageSource.valueOf(
                        string(p, "languageSource", "COMPANY").toUpperCase(Locale.ROOT)),
                Integer.parseInt(string(p, "correctionHours", "72")));
    }

    private static String string(Dictionary<String, Object> p, String key, String fallback) {
        Object v = p == null ? null : p.get(key);
        return v == null ? fallback : v.toString();
    }
}
