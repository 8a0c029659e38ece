package io.facteur.channel.api.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.ConnectionTest;
import io.facteur.api.ImportChannel;
import io.facteur.channel.api.internal.Webhooks.Webhook;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The channel as a capability: invoicing software pushes invoices over the core's API with its API
 * key; this bundle makes those pushes idempotent and notifies the software by webhooks. The test of
 * a dossier says whether any of its webhooks is failing.
 */
@Component(service = ImportChannel.class)
@Capability(
        capability = "channel.api",
        kind = CapabilityKind.IMPORT_CHANNEL,
        label = "Invoicing software (API)")
public class ApiChannel implements ImportChannel {
    private final Webhooks webhooks;
    private final Outbox outbox;

    @Activate
    public ApiChannel(@Reference ChannelDatabase database) {
        this.webhooks = new Webhooks(database);
        this.outbox = new Outbox(database);
    }

    @Override
    public ConnectionTest test(String dossier, Map<String, Object> settings) {
        Texts texts = Texts.of(Locale.ENGLISH);
        try {
            int hooks = 0;
            int failing = 0;
            for (Webhook hook : webhooks.list(dossier, null)) {
                hooks++;
                boolean failed =
                        outbox.lastFinished(hook.id(), null)
                                .map(e -> Outbox.FAILED.equals(e.state()))
                                .orElse(false);
                if (failed) {
                    failing++;
                }
            }
            return new ConnectionTest(failing == 0, texts.format("test.webhooks", hooks, failing));
        } catch (SQLException e) {
            return new ConnectionTest(false, texts.format("database.unavailable"));
        }
    }
}
