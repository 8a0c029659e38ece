package io.facteur.channel.mail.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes {@link DossierImportSettings} as a factory form in the Metatype service (web console,
 * the core's settings registry); the configurations are read by {@link ConfigDossierImports}, so
 * this component holds no state.
 */
@Component(
        service = DossierImportSettingsForm.class,
        configurationPid = DossierImportSettings.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = DossierImportSettings.class, factory = true)
public class DossierImportSettingsForm {}
