package io.facteur.channel.api.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The channel's settings ({@value ApiChannelSettings#PID}), held apart from the JAX-RS filter and
 * resource: Declarative Services copies a component's configuration into its service properties,
 * and the JAX-RS whiteboard redeploys the whole application (dropping the requests in flight) when
 * the properties of one of its extensions or resources change. A change of settings changes only
 * this service.
 */
@Component(
        service = SettingsHolder.class,
        configurationPid = ApiChannelSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ApiChannelSettings.class)
public class SettingsHolder {
    private volatile ApiChannelSettings settings;

    @Activate
    public SettingsHolder(ApiChannelSettings settings) {
        this.settings = settings;
    }

    @Modified
    void modified(ApiChannelSettings changed) {
        this.settings = changed;
    }

    /** The settings now. */
    public ApiChannelSettings get() {
        return settings;
    }
}
