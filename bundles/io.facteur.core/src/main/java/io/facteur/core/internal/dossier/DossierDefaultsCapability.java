package io.facteur.core.internal.dossier;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Lists the core's dossier defaults in the settings registry like any capability, so that they are
 * read and changed through the same {@code /settings/dossier} resource and the web console.
 */
@Component(
        service = DossierDefaultsCapability.class,
        configurationPid = DossierDefaultsConfig.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = DossierDefaultsConfig.class, factory = true)
@Capability(
        capability = DossierService.DOSSIER_DEFAULTS,
        kind = CapabilityKind.CORE,
        label = "Dossier defaults",
        settings_pid = DossierDefaultsConfig.PID)
public class DossierDefaultsCapability {}
