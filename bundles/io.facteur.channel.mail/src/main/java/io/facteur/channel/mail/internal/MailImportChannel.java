package io.facteur.channel.mail.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.ConnectionTest;
import io.facteur.api.ImportChannel;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The e-mail import channel as the platform sees it: its capability properties, and a connection
 * test that logs in to the import mailbox and opens its folder without importing anything.
 */
@Component(
        service = ImportChannel.class,
        configurationPid = MailImportSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Capability(
        capability = MailImport.CHANNEL,
        kind = CapabilityKind.IMPORT_CHANNEL,
        label = "E-mail import",
        settings_pid = DossierImportSettings.PID)
public class MailImportChannel implements ImportChannel {
    private final MailImportSettings settings;
    private final MailClassLoader loader = new MailClassLoader();

    @Activate
    public MailImportChannel(MailImportSettings settings) {
        this.settings = settings;
    }

    @Override
    public ConnectionTest test(String dossier, Map<String, Object> dossierSettings) {
        Texts texts = Texts.of(Locale.ENGLISH);
        if (settings.imapHost() == null || settings.imapHost().isBlank()) {
            return new ConnectionTest(false, texts.get("test.noHost"));
        }
        try {
            int count =
                    loader.run(
                            () -> {
                                Store store = new Mailbox(settings).connect();
                                try {
                                    Folder f = store.getFolder(settings.imapFolder());
                                    if (!f.exists()) {
                                        return -1;
                                    }
                                    return f.getMessageCount();
                                } finally {
                                    store.close();
                                }
                            });
            if (count < 0) {
                return new ConnectionTest(
                        false, texts.format("test.noFolder", settings.imapFolder()));
            }
            return new ConnectionTest(
                    true,
                    texts.format(
                            "test.ok",
                            settings.imapHost(),
                            settings.imapFolder(),
                            count,
                            ImportAddress.hint(settings.importAddress(), "TOKEN")));
        } catch (MessagingException | RuntimeException e) {
            return new ConnectionTest(
                    false, texts.format("test.failed", settings.imapHost(), e.getMessage()));
        }
    }
}
