package io.facteur.channel.mail.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dossiers' import settings held in memory, with the same rules as {@link ConfigDossierImports}
 * (tokens generated when missing, replaced on request): the tests of the mailbox need no
 * Configuration Admin.
 */
final class MemoryDossierImports implements DossierImports {
    private final Map<String, DossierImport> byDossier = new LinkedHashMap<>();

    synchronized MemoryDossierImports with(String dossier, String... trustedSenders) {
        byDossier.put(dossier, new DossierImport(dossier, "", List.of(trustedSenders)));
        return this;
    }

    @Override
    public synchronized List<DossierImport> all() {
        List<DossierImport> out = new ArrayList<>();
        for (String d : List.copyOf(byDossier.keySet())) {
            out.add(get(d));
        }
        return out;
    }

    @Override
    public synchronized DossierImport get(String dossier) {
        DossierImport d =
                byDossier.getOrDefault(dossier, new DossierImport(dossier, "", List.of()));
        if (!ImportToken.usable(d.token())) {
            d = new DossierImport(dossier, ImportToken.generate(), d.trustedSenders());
            byDossier.put(dossier, d);
        }
        return d;
    }

    @Override
    public synchronized Optional<DossierImport> find(String dossier) {
        return Optional.ofNullable(byDossier.get(dossier));
    }

    @Override
    public synchronized String regenerate(String dossier) {
        DossierImport d = get(dossier);
        String token = ImportToken.generate();
        byDossier.put(dossier, new DossierImport(dossier, token, d.trustedSenders()));
        return token;
    }
}
