package io.facteur.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import io.facteur.core.internal.dossier.DossierStore;
import io.facteur.core.internal.security.ApiKeys.IssuedKey;
import io.facteur.core.internal.security.ApiKeys.KeyInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {
    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    private Database database;
    private ApiKeys keys;

    @BeforeEach
    void dossiers() throws Exception {
        database = new Database(derby.dataSource());
        DossierStore store = new DossierStore(database);
        store.create(new Dossier("acme", "Acme SA", "FR", "", "", "fr"));
        store.create(new Dossier("globex", "Globex GmbH", "DE", "", "", "de"));
        keys = new ApiKeys(database);
    }

    @Test
    void anIssuedKeyOpensItsDossier() throws Exception {
        IssuedKey issued = keys.issue("acme", "ERP");

        assertThat(issued.key()).startsWith("fct_" + issued.info().id() + "_");
        assertThat(keys.authenticate(issued.key()))
                .hasValueSatisfying(
                        info -> {
                            assertThat(info.id()).isEqualTo(issued.info().id());
                            assertThat(info.dossier()).isEqualTo("acme");
                            assertThat(info.label()).isEqualTo("ERP");
                            assertThat(info.revoked()).isFalse();
                        });
    }

    @Test
    void onlyTheHashOfTheSecretIsStored() throws Exception {
        IssuedKey issued = keys.issue("acme", "ERP");
        String secret = secret(issued);

        try (Connection c = database.connection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT secret_hash FROM api_key WHERE id = ?")) {
            ps.setString(1, issued.info().id());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1))
                        .doesNotContain(secret)
                        .isEqualTo(io.facteur.core.internal.Sha256.hex(secret));
            }
        }
    }

    @Test
    void aWrongSecretOpensNothing() throws Exception {
        IssuedKey acme = keys.issue("acme", "ERP");
        IssuedKey globex = keys.issue("globex", "ERP");
        String prefix = "fct_" + acme.info().id() + "_";
        String secret = secret(acme);
        char last = secret.charAt(secret.length() - 1);
        String altered = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(keys.authenticate(prefix + altered)).isEmpty();
        assertThat(keys.authenticate(prefix + secret(globex))).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fct_", "Bearer x", "fct_0123456789abcdef_short"})
    void aMalformedKeyOpensNothing(String key) throws Exception {
        assertThat(keys.authenticate(key)).isEmpty();
    }

    @Test
    void aMalformedVariantOfAGoodKeyOpensNothing() throws Exception {
        String key = keys.issue("acme", "ERP").key();

        assertThat(keys.authenticate(key + "x")).isEmpty();
        assertThat(keys.authenticate(" " + key)).isEmpty();
        assertThat(keys.authenticate("FCT_" + key.substring(4))).isEmpty();
    }

    @Test
    void aKeyWithAnUnknownIdOpensNothing() throws Exception {
        IssuedKey issued = keys.issue("acme", "ERP");
        String unknownId = "0".repeat(16); // a random id of 64 bits is never this

        assertThat(keys.authenticate("fct_" + unknownId + "_" + secret(issued))).isEmpty();
    }

    @Test
    void aRevokedKeyOpensNothing() throws Exception {
        IssuedKey issued = keys.issue("acme", "ERP");

        assertThat(keys.revoke("acme", issued.info().id())).isTrue();

        assertThat(keys.authenticate(issued.key())).isEmpty();
        assertThat(keys.list("acme")).extracting(KeyInfo::revoked).containsExactly(true);
        assertThat(keys.revoke("acme", issued.info().id())).as("already revoked").isFalse();
    }

    @Test
    void aDossierCannotRevokeTheKeyOfAnother() throws Exception {
        IssuedKey globex = keys.issue("globex", "ERP");

        assertThat(keys.revoke("acme", globex.info().id())).isFalse();
        assertThat(keys.authenticate(globex.key())).isPresent();
    }

    @Test
    void theListShowsTheDossiersKeysButNeverTheirSecrets() throws Exception {
        IssuedKey first = keys.issue("acme", "ERP");
        IssuedKey second = keys.issue("acme", "Shop");
        keys.issue("globex", "ERP");

        assertThat(keys.list("acme"))
                .extracting(KeyInfo::id)
                .containsExactlyInAnyOrder(first.info().id(), second.info().id());
        assertThat(keys.list("acme"))
                .extracting(KeyInfo::toString)
                .noneMatch(s -> s.contains(secret(first)) || s.contains(secret(second)));
    }

    private static String secret(IssuedKey issued) {
        return issued.key().substring(("fct_" + issued.info().id() + "_").length());
    }
}
