package io.facteur.core.internal.settings;

import java.util.List;
import java.util.Map;

/**
 * One dossier's settings of one capability as a caller may see them: secrets are only said to be
 * set, never shown.
 *
 * @param dossier the dossier id
 * @param capability the capability id
 * @param pid the ConfigAdmin PID that holds them ({@code <factoryPid>~<dossier>})
 * @param values the values, without secrets
 * @param secretsSet ids of secret settings that have a value
 */
public record DossierSettings(
        String dossier,
        String capability,
        String pid,
        Map<String, Object> values,
        List<String> secretsSet) {}
