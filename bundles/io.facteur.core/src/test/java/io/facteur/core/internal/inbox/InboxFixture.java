package io.facteur.core.internal.inbox;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.db.Database;
import io.facteur.core.internal.dossier.DossierStore;
import java.lang.annotation.Annotation;
import java.sql.SQLException;

/** Settings and a dossier for tests of the inbox and the pipeline. */
public final class InboxFixture {
    private InboxFixture() {}

    /** Inbox settings as Configuration Admin would give them. */
    public static InboxConfig config(long maxFileBytes, int workers, int maxAttempts) {
        return new InboxConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return InboxConfig.class;
            }

            @Override
            public long maxFileBytes() {
                return maxFileBytes;
            }

            @Override
            public String folder() {
                return "";
            }

            @Override
            public int workers() {
                return workers;
            }

            @Override
            public int maxAttempts() {
                return maxAttempts;
            }
        };
    }

    /** Creates the dossier {@code id} (invoices refer to their dossier). */
    public static void dossier(Database database, String id) throws SQLException {
        new DossierStore(database).create(new Dossier(id, "Dossier " + id, "FR", "", "", "fr"));
    }
}
