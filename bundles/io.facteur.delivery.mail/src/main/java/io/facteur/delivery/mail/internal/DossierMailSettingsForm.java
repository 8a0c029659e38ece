package io.facteur.delivery.mail.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes {@link DossierMailSettings} as a factory form in the Metatype service (web console,
 * settings registry); the configurations themselves are read by the core and passed with each
 * delivery, so this component holds no state.
 */
@Component(
        service = DossierMailSettingsForm.class,
        configurationPid = DossierMailSettings.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = DossierMailSettings.class, factory = true)
public class DossierMailSettingsForm {}
