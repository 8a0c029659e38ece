package io.facteur.channel.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Tokens and trusted senders kept in named factory configurations. Configuration Admin is played
 * here by a map (the real one runs in {@code itests/karaf}, MailImportIT).
 */
class ConfigDossierImportsTest {
    /** pid -> properties (null: created by getFactoryConfiguration, never updated). */
    private final Map<String, Dictionary<String, Object>> store = new LinkedHashMap<>();

    private ConfigurationAdmin admin() {
        return (ConfigurationAdmin)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {ConfigurationAdmin.class},
                        (self, m, args) ->
                                switch (m.getName()) {
                                    case "getFactoryConfiguration" ->
                                            configuration(args[0] + "~" + args[1]);
                                    case "listConfigurations" ->
                                            store.entrySet().stream()
                                                    .filter(e -> e.getValue() != null)
                                                    .filter(
                                                            e ->
                                                                    ((String) args[0])
                                                                            .equals(
                                                                                    "(service.factoryPid="
                                                                                            + e.getKey()
                                                                                                    .substring(
                                                                                                            0,
                                                                                                            e.getKey()
                                                                                                                    .indexOf(
                                                                                                                            '~'))
                                                                                            + ")"))
                                                    .map(e -> configuration(e.getKey()))
                                                    .toArray(Configuration[]::new);
                                    default -> throw new UnsupportedOperationException(m.getName());
                                });
    }

    private Configuration configuration(String pid) {
        store.putIfAbsent(pid, null);
        return (Configuration)
                Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {Configuration.class},
                        (self, m, args) ->
                                switch (m.getName()) {
                                    case "getPid" -> pid;
                                    case "getProperties" ->
                                            store.get(pid) == null
                                                    ? null
                                                    : new Hashtable<>(
                                                            (Hashtable<String, Object>)
                                                                    store.get(pid));
                                    case "update" -> {
                                        @SuppressWarnings("unchecked")
                                        Dictionary<String, Object> d =
                                                (Dictionary<String, Object>) args[0];
                                        store.put(pid, d);
                                        yield null;
                                    }
                                    default -> throw new UnsupportedOperationException(m.getName());
                                });
    }

    private static final String PID = DossierImportSettings.PID;

    @Test
    void aTokenIsGeneratedOnFirstReadAndKept() {
        ConfigDossierImports imports = new ConfigDossierImports(admin());
        assertThat(imports.find("acme")).isEmpty();

        String token = imports.get("acme").token();

        assertThat(token).matches("[a-z2-7]{32}");
        assertThat(imports.get("acme").token()).isEqualTo(token);
        assertThat(imports.find("acme")).get().extracting(d -> d.token()).isEqualTo(token);
        assertThat(store.get(PID + "~acme").get("token")).isEqualTo(token);
        assertThat(imports.all()).extracting(d -> d.dossier()).containsExactly("acme");
    }

    @Test
    void settingsSavedWithoutTokenGetOneAtTheNextPollAndKeepTheirSenders() {
        Hashtable<String, Object> saved = new Hashtable<>();
        saved.put(
                "trustedSenders",
                new String[] {" Billing@Supplier.example ", "@other.example", "junk"});
        saved.put("other", "kept");
        store.put(PID + "~globex", saved);
        store.put("io.facteur.delivery.mail.dossier~globex", new Hashtable<>(Map.of("x", "y")));
        ConfigDossierImports imports = new ConfigDossierImports(admin());

        List<DossierImports.DossierImport> all = imports.all();

        assertThat(all)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.dossier()).isEqualTo("globex");
                            assertThat(ImportToken.usable(d.token())).isTrue();
                            assertThat(d.trustedSenders())
                                    .containsExactly("billing@supplier.example", "@other.example");
                        });
        assertThat(store.get(PID + "~globex").get("other")).isEqualTo("kept");
    }

    @Test
    void aRegeneratedTokenReplacesTheOldOneAndKeepsTheSenders() {
        store.put(
                PID + "~acme",
                new Hashtable<>(Map.of("trustedSenders", "a@b.example, c@d.example")));
        ConfigDossierImports imports = new ConfigDossierImports(admin());
        String old = imports.get("acme").token();

        String fresh = imports.regenerate("acme");

        assertThat(fresh).isNotEqualTo(old);
        assertThat(imports.get("acme").token()).isEqualTo(fresh);
        assertThat(imports.get("acme").trustedSenders())
                .containsExactly("a@b.example", "c@d.example");
    }

    @Test
    void aShortHandTypedTokenIsReplaced() {
        store.put(PID + "~acme", new Hashtable<>(Map.of("token", "abc")));
        ConfigDossierImports imports = new ConfigDossierImports(admin());

        assertThat(imports.get("acme").token()).hasSize(32);
    }
}
