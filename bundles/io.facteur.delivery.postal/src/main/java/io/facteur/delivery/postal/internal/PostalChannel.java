package io.facteur.delivery.postal.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.DeliveryChannel;
import io.facteur.api.DeliveryException;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an invoice by post through a print service: an address sheet for a window envelope, then
 * the invoice's PDF, handed to the print service's drop folder with a manifest. A delivery handed
 * over twice is printed once.
 */
@Component(
        service = DeliveryChannel.class,
        // paper costs: only when named, or after a bounce
        property = DeliveryChannel.FALLBACK + ":Boolean=true",
        configurationPid = PostalSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PostalSettings.class)
@Capability(
        capability = "delivery.postal",
        kind = CapabilityKind.DELIVERY_CHANNEL,
        label = "Post (print service)")
public class PostalChannel implements DeliveryChannel {

    /** The manifest's format, for the print service to check. */
    static final String MANIFEST_FORMAT = "facteur-print-job/1";

    private final Logger logger = LoggerFactory.getLogger(PostalChannel.class);
    private final PrintSetup setup;
    private final PrintDrop drop;
    private final Clock clock;
    private final Messages english = LetterLanguage.EN.messages();

    /** Checks the settings; a setting that cannot work stops the component from starting. */
    @Activate
    public PostalChannel(PostalSettings settings) {
        this(PrintSetup.of(settings, System.getProperty("karaf.data")), Clock.systemDefaultZone());
        logger.info(
                "postal delivery: print jobs go to {}, address window {}",
                setup.dropFolder(),
                setup.window().name());
    }

    PostalChannel(PrintSetup setup, Clock clock) {
        this(setup, new FolderDrop(setup.dropFolder()), clock);
    }

    PostalChannel(PrintSetup setup, PrintDrop drop, Clock clock) {
        this.setup = setup;
        this.drop = drop;
        this.clock = clock;
    }

    /** The post reaches a customer with a complete postal address. */
    @Override
    public boolean reaches(Recipient recipient) {
        io.facteur.api.invoice.PostalAddress a = recipient.address();
        return a != null
                && !blank(a.line1())
                && !blank(a.city())
                && !blank(a.postCode())
                && !blank(a.countryCode());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        if (!PrintDrop.PrintJob.isValidId(delivery.deliveryId())) {
            throw new DeliveryException(
                    english.format("error.id", AddressText.clean(delivery.deliveryId(), 140)),
                    false);
        }
        PrintFile file = PrintFile.of(delivery, setup, clock);
        PrintDrop.PrintJob job =
                new PrintDrop.PrintJob(
                        delivery.deliveryId(), file.pdf(), file.sha256(), manifest(delivery, file));
        try {
            PrintDrop.Outcome outcome = drop.handOver(job);
            logger.info(
                    "invoice {} of dossier {}: print job {} {} ({} pages, {} sheets)",
                    delivery.invoiceId(),
                    delivery.dossier(),
                    job.id(),
                    outcome == PrintDrop.Outcome.HANDED_OVER
                            ? "handed over"
                            : "was handed over already",
                    file.pages(),
                    file.sheets());
        } catch (IOException e) {
            throw new DeliveryException(english.format("error.drop", e.toString()), true, e);
        } catch (PrintDrop.Conflict e) {
            throw new DeliveryException(
                    english.format("error.conflict", job.id(), e.getMessage()), false, e);
        }
        return new Receipt(Status.POSTED, job.id(), file.addressee().destination());
    }

    private Map<String, Object> manifest(Delivery delivery, PrintFile file) {
        Addressee to = file.addressee();
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("name", to.name());
        recipient.put("line1", to.line1());
        recipient.put("line2", to.line2());
        recipient.put("postCode", to.postCode());
        recipient.put("city", to.city());
        recipient.put("countryCode", to.countryCode());
        recipient.put("printedLines", file.addressLines());
        Map<String, Object> pdf = new LinkedHashMap<>();
        pdf.put("file", delivery.deliveryId() + ".pdf");
        pdf.put("sha256", file.sha256());
        pdf.put("bytes", file.pdf().length);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", MANIFEST_FORMAT);
        manifest.put("jobId", delivery.deliveryId());
        manifest.put("deliveryId", delivery.deliveryId());
        manifest.put("dossier", AddressText.clean(delivery.dossier(), 128));
        manifest.put("invoiceId", AddressText.clean(delivery.invoiceId(), 128));
        manifest.put("invoiceNumber", AddressText.clean(delivery.invoice().number(), 100));
        manifest.put("recipient", recipient);
        manifest.put("pages", file.pages());
        manifest.put("invoicePages", file.invoicePages());
        manifest.put("sheets", file.sheets());
        manifest.put("duplex", setup.duplex());
        manifest.put("colour", setup.colour());
        manifest.put("paper", "A4");
        manifest.put("window", setup.window().name());
        manifest.put("pdf", pdf);
        manifest.put("created", clock.instant().toString());
        return manifest;
    }
}
