package io.facteur.core.internal.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.db.MemoryDerby;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DossierStoreTest {
    private static final Dossier ACME =
            new Dossier("acme", "Acme SA", "FR", "123 456 789", "FR12123456789", "fr");
    private static final Dossier GLOBEX = new Dossier("globex", "Globex", "DE", "", "", "de");

    @RegisterExtension final MemoryDerby derby = new MemoryDerby();
    private DossierStore store;

    @BeforeEach
    void store() throws Exception {
        store = new DossierStore(new Database(derby.dataSource()));
    }

    @Test
    void aCreatedDossierIsFoundAsItWasGiven() throws Exception {
        assertThat(store.create(ACME)).isTrue();

        assertThat(store.find("acme")).contains(ACME);
    }

    @Test
    void creatingAnExistingIdFailsAndKeepsTheFirst() throws Exception {
        store.create(ACME);

        assertThat(store.create(new Dossier("acme", "Impostor", "BE", "", "", "en"))).isFalse();
        assertThat(store.find("acme")).contains(ACME);
    }

    @Test
    void anUnknownDossierIsNotFound() throws Exception {
        store.create(ACME);

        assertThat(store.find("acme-2")).isEmpty();
    }

    @Test
    void listsAllDossiersById() throws Exception {
        assertThat(store.list()).isEmpty();
        store.create(GLOBEX);
        store.create(ACME);

        assertThat(store.list()).containsExactly(ACME, GLOBEX);
    }
}
