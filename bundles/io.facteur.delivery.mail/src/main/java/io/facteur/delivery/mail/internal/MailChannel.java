package io.facteur.delivery.mail.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.DeliveryChannel;
import io.facteur.api.DeliveryException;
import io.facteur.api.Document;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends invoices by e-mail through the platform's SMTP server: one mail per delivery, From the
 * dossier, the documents attached, the envelope sender a VERP address of the bounce mailbox that
 * {@link BounceReader} reads.
 */
@Component(
        service = DeliveryChannel.class,
        configurationPid = MailSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MailSettings.class)
@Capability(
        capability = MailChannel.CAPABILITY,
        kind = CapabilityKind.DELIVERY_CHANNEL,
        label = "E-mail",
        settings_pid = DossierMailSettings.PID)
public class MailChannel implements DeliveryChannel {
    /** The capability id of the channel. */
    static final String CAPABILITY = "delivery.mail";

    /** Most recipients of one mail. */
    static final int MAX_RECIPIENTS = 10;

    /** Room for the headers and the text besides the attachments, in bytes. */
    private static final int ENVELOPE_BYTES = 64 * 1024;

    private final Logger logger = LoggerFactory.getLogger(MailChannel.class);
    private final MailSettings settings;
    private final MailClassLoader loader = new MailClassLoader();
    private final SMTPProvider provider = new SMTPProvider();

    /**
     * One Session for every send: its properties are the settings of this activation (a change of
     * configuration makes a new channel), and building one reads and parses the provider and
     * address-map resources of the mail jars: 0.3 to 0.7 ms, a quarter to a third of a send to a
     * local server when made per mail (benchmarks/README.md, "E-mail delivery").
     */
    private final Session session;

    @Activate
    public MailChannel(MailSettings settings) {
        this.settings = settings;
        Properties properties = smtpProperties(settings);
        this.session = loader.run(() -> Session.getInstance(properties));
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        MailTexts texts = MailTexts.of(delivery.language());
        List<InternetAddress> to = recipients(delivery.recipient(), texts);
        SenderIdentity identity =
                SenderIdentity.of(delivery.settings(), settings, delivery.sender(), texts);
        checkSize(delivery, texts);
        String bounce = bounceAddress(texts);
        String envelopeSender =
                bounce == null ? null : new Verp(bounce).envelopeSender(delivery.deliveryId());
        String domain =
                HeaderValues.domainOf(bounce == null ? identity.from().getAddress() : bounce);
        String messageId = Verp.messageId(delivery.deliveryId(), domain);
        String addresses =
                to.stream().map(InternetAddress::getAddress).collect(Collectors.joining(", "));
        try {
            loader.run(
                    () -> {
                        SMTPMessage message =
                                InvoiceMail.compose(
                                        session,
                                        delivery,
                                        identity,
                                        to,
                                        envelopeSender,
                                        messageId,
                                        texts);
                        transmit(session, message);
                        return null;
                    });
        } catch (MessagingException e) {
            DeliveryException failure = SmtpFailures.classify(e, texts);
            logger.warn(
                    "Mail of delivery {} (invoice {}) to {} not sent ({}): {}",
                    delivery.deliveryId(),
                    delivery.invoiceId(),
                    addresses,
                    failure.transientFailure() ? "transient" : "permanent",
                    failure.getMessage());
            throw failure;
        }
        logger.info(
                "Mail of delivery {} (invoice {}) sent to {} as {}",
                delivery.deliveryId(),
                delivery.invoiceId(),
                addresses,
                messageId);
        return new Receipt(Status.SENT, messageId, addresses);
    }

    /**
     * The customer has at least one e-mail address, and every address it has is valid: a mail to an
     * invalid one would fail for good, so the core had better choose another channel.
     */
    @Override
    public boolean reaches(Recipient recipient) {
        try {
            recipients(recipient, MailTexts.of("en"));
            return true;
        } catch (DeliveryException e) {
            return false;
        }
    }

    private void transmit(Session session, SMTPMessage message) throws MessagingException {
        Transport transport = session.getTransport(provider);
        String user = blankToNull(settings.smtpUser());
        transport.connect(
                settings.smtpHost(),
                settings.smtpPort(),
                user,
                user == null ? null : settings._smtpPassword());
        try {
            transport.sendMessage(message, message.getAllRecipients());
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the server took the mail before QUIT failed: it is sent
                logger.debug("SMTP close: {}", e.toString());
            }
        }
    }

    private static List<InternetAddress> recipients(Recipient recipient, MailTexts texts)
            throws DeliveryException {
        List<InternetAddress> to = new ArrayList<>();
        for (String email : recipient == null ? List.<String>of() : recipient.emails()) {
            if (email == null || email.isBlank()) {
                continue;
            }
            try {
                to.add(HeaderValues.address(email));
            } catch (AddressException e) {
                throw new DeliveryException(
                        texts.format(
                                "error.badRecipient",
                                HeaderValues.clean(email, HeaderValues.MAX_ADDRESS)),
                        false);
            }
        }
        if (to.isEmpty()) {
            throw new DeliveryException(texts.format("error.noRecipient"), false);
        }
        if (to.size() > MAX_RECIPIENTS) {
            throw new DeliveryException(
                    texts.format("error.tooManyRecipients", to.size(), MAX_RECIPIENTS), false);
        }
        return to;
    }

    private void checkSize(Delivery delivery, MailTexts texts) throws DeliveryException {
        long bytes = ENVELOPE_BYTES;
        for (Document d : delivery.documents()) {
            bytes += (d.size() + 2L) / 3 * 4 * 78 / 76; // base64 with its line breaks
        }
        if (bytes > settings.maxMessageBytes()) {
            throw new DeliveryException(
                    texts.format("error.tooLarge", bytes, settings.maxMessageBytes()), false);
        }
    }

    private String bounceAddress(MailTexts texts) throws DeliveryException {
        String bounce = blankToNull(settings.bounceAddress());
        if (bounce == null) {
            return null;
        }
        try {
            return HeaderValues.address(bounce).getAddress();
        } catch (AddressException e) {
            throw new DeliveryException(
                    texts.format(
                            "error.settings",
                            "bounceAddress",
                            texts.format(
                                    "error.notAnAddress",
                                    HeaderValues.clean(bounce, HeaderValues.MAX_ADDRESS))),
                    false);
        }
    }

    static Properties smtpProperties(MailSettings settings) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", settings.smtpHost());
        p.setProperty("mail.smtp.port", Integer.toString(settings.smtpPort()));
        p.setProperty("mail.smtp.connectiontimeout", millis(settings.connectTimeoutSeconds()));
        p.setProperty("mail.smtp.timeout", millis(settings.readTimeoutSeconds()));
        p.setProperty("mail.smtp.writetimeout", millis(settings.readTimeoutSeconds()));
        p.setProperty("mail.smtp.auth", Boolean.toString(blankToNull(settings.smtpUser()) != null));
        String security = settings.smtpSecurity() == null ? "" : settings.smtpSecurity();
        switch (security.strip().toUpperCase(Locale.ROOT)) {
            case "NONE" -> {}
            case "TLS" -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        p.setProperty("mail.mime.allowutf8", "false");
        return p;
    }

    private static String millis(int seconds) {
        return Long.toString(Math.max(1, seconds) * 1000L);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
