package io.facteur.core.internal.adapt;

import io.facteur.api.Capability;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.ReceiverAdapter.Receiver;
import io.facteur.api.ReceiverAdapter.Target;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.ValidationReport;
import io.facteur.api.Validator;
import io.facteur.api.invoice.BusinessTerms;
import io.facteur.api.invoice.Invoice;
import io.facteur.api.xml.XmlChanges;
import io.facteur.core.internal.export.Formats;
import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.Message;
import io.facteur.core.internal.settings.SettingsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives invoices the form their receivers require, through the installed {@link ReceiverAdapter}s,
 * and proves that nothing was falsified: the invoice is first written in the adapter's target
 * syntax by the installed writers (checked by read-back), adapted, then read back again and
 * compared with the source business term by business term; a difference in a term the adapter does
 * not declare, a result of another syntax or specification, or an error of a validator that applies
 * to the result fails the adaptation. Every adaptation, done or failed, is on the invoice's
 * timeline: the adapter, the target, the terms it added, the checks.
 */
@Component(service = Adaptations.class)
public class Adaptations {
    /** The timeline step of adaptations. */
    public static final String STEP = "adapt";

    private final Logger logger = LoggerFactory.getLogger(Adaptations.class);
    private final InboxService inbox;
    private final Formats formats;
    private final BiFunction<String, String, Map<String, Object>> settings;
    private final Map<String, ReceiverAdapter> adapters = new ConcurrentSkipListMap<>();
    private final List<Validator> validators = new CopyOnWriteArrayList<>();

    @Activate
    public Adaptations(
            @Reference InboxService inbox,
            @Reference Formats formats,
            @Reference SettingsService settings) {
        this(inbox, formats, (dossier, adapter) -> settingsOf(settings, dossier, adapter));
    }

    private Adaptations(
            InboxService inbox,
            Formats formats,
            BiFunction<String, String, Map<String, Object>> settings) {
        this.inbox = inbox;
        this.formats = formats;
        this.settings = settings;
    }

    /** Adaptations outside OSGi (tests): adapters and validators are added. */
    public static Adaptations standalone(
            InboxService inbox,
            Formats formats,
            BiFunction<String, String, Map<String, Object>> settings) {
        return new Adaptations(inbox, formats, settings);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addAdapter(ReceiverAdapter adapter, Map<String, Object> props) {
        adapters.put(String.valueOf(props.get(Capability.ID)), adapter);
    }

    public void removeAdapter(ReceiverAdapter adapter, Map<String, Object> props) {
        adapters.remove(String.valueOf(props.get(Capability.ID)), adapter);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addValidator(Validator validator) {
        validators.add(validator);
    }

    public void removeValidator(Validator validator) {
        validators.remove(validator);
    }

    /**
     * An invoice in its receiver's form.
     *
     * @param document the file
     * @param adapter the adapter's capability id
     * @param extension the file's extension
     */
    public record Adapted(Document document, String adapter, String extension) {}

    /** An adaptation that failed, or waits for a writer or reader; the reason says which. */
    public static final class AdaptationException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Message reason;
        private final boolean waiting;

        AdaptationException(Message reason, boolean waiting) {
            super(reason.english(), null, false, false);
            this.reason = reason;
            this.waiting = waiting;
        }

        public Message reason() {
            return reason;
        }

        public boolean waiting() {
            return waiting;
        }
    }

    /** The adapter that serves the receiver: the one the customer chose, else by country. */
    public Optional<String> adapterFor(Receiver receiver) {
        if (!receiver.preferredForm().isEmpty() && adapters.containsKey(receiver.preferredForm())) {
            return Optional.of(receiver.preferredForm());
        }
        for (Map.Entry<String, ReceiverAdapter> e : adapters.entrySet()) {
            try {
                if (e.getValue().serves(receiver)) {
                    return Optional.of(e.getKey());
                }
            } catch (RuntimeException broken) {
                logger.warn(
                        "Receiver adapter {} failed to answer: {}", e.getKey(), broken.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * The invoice in its receiver's form, checked, and on its timeline.
     *
     * @param row the invoice
     * @param original its original
     * @param invoice the invoice as read from it
     * @param receiver who receives it
     * @param locale the language of any human-readable part
     * @return the adapted file; empty when no installed adapter serves the receiver
     * @throws AdaptationException when the adaptation fails (then the invoice must not go out in
     *     that form) or waits for a capability
     */
    public Optional<Adapted> adapt(
            InvoiceRow row, Document original, Invoice invoice, Receiver receiver, Locale locale)
            throws AdaptationException {
        Optional<String> chosen = adapterFor(receiver);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        String id = chosen.get();
        ReceiverAdapter adapter = adapters.get(id);
        if (adapter == null) {
            throw new AdaptationException(Message.of("adapt.waiting", id), true);
        }
        try {
            Adapted adapted = run(id, adapter, row, original, invoice, receiver, locale);
            return Optional.of(adapted);
        } catch (AdaptationException e) {
            if (!e.waiting()) {
                record(row.id(), "failed", e.reason());
            }
            throw e;
        }
    }

    private Adapted run(
            String id,
            ReceiverAdapter adapter,
            InvoiceRow row,
            Document original,
            Invoice invoice,
            Receiver receiver,
            Locale locale)
            throws AdaptationException {
        Target target = adapter.target();
        Formats.Converted source;
        try {
            source = formats.convert(row, original, invoice, target.syntax(), locale);
        } catch (Formats.ConversionException e) {
            throw new AdaptationException(e.reason(), e.waiting());
        }
        Document out;
        try {
            out =
                    adapter.adapt(
                            source.document(),
                            invoice,
                            receiver,
                            settings.apply(row.dossier(), id));
        } catch (UnreadableInvoiceException e) {
            throw new AdaptationException(
                    Message.of("adapt.refused", id, String.valueOf(e.getMessage())), false);
        } catch (RuntimeException e) {
            logger.error("Receiver adapter {} broke on invoice {}", id, row.id(), e);
            throw new AdaptationException(Message.of("adapt.refused", id, e.toString()), false);
        }
        if (out == null) {
            throw new AdaptationException(Message.of("adapt.refused", id, "no file"), false);
        }
        Formats.ReadBack back;
        try {
            back =
                    formats.readBack(out)
                            .orElseThrow(
                                    () ->
                                            new AdaptationException(
                                                    Message.of(
                                                            "adapt.unreadable",
                                                            id,
                                                            target.syntax()),
                                                    false));
        } catch (UnreadableInvoiceException e) {
            throw new AdaptationException(
                    Message.of("adapt.unreadable", id, String.valueOf(e.getMessage())), false);
        }
        if (!back.syntax().syntax().equals(target.syntax())
                || (!target.specification().isEmpty()
                        && !target.specification().equals(back.syntax().profile()))) {
            throw new AdaptationException(
                    Message.of(
                            "adapt.wrongForm",
                            id,
                            target.syntax() + " " + target.specification(),
                            back.syntax().syntax() + " " + back.syntax().profile()),
                    false);
        }
        List<BusinessTerms.Difference> differences =
                BusinessTerms.differences(invoice, back.invoice());
        List<BusinessTerms.Difference> undeclared = new ArrayList<>();
        List<BusinessTerms.Difference> added = new ArrayList<>();
        for (BusinessTerms.Difference d : differences) {
            (target.adds().contains(baseTerm(d.term())) ? added : undeclared).add(d);
        }
        if (!undeclared.isEmpty()) {
            throw new AdaptationException(
                    Message.of(
                            "adapt.falsified",
                            id,
                            undeclared.stream()
                                    .limit(10)
                                    .map(Object::toString)
                                    .collect(Collectors.joining("; "))),
                    false);
        }
        boolean xmlCompared = XmlChanges.knows(target.syntax());
        if (xmlCompared) {
            List<XmlChanges.Change> changes = xmlChanges(id, source.document(), out, target);
            if (!changes.isEmpty()) {
                throw new AdaptationException(
                        Message.of(
                                "adapt.xmlChanged",
                                id,
                                changes.stream()
                                        .limit(5)
                                        .map(Object::toString)
                                        .collect(Collectors.joining("; "))),
                        false);
            }
        }
        List<String> ruleSets = new ArrayList<>();
        for (Validator v : validators) {
            if (!v.appliesTo(back.syntax())) {
                continue;
            }
            ValidationReport report;
            try {
                report = v.validate(out, back.invoice());
            } catch (RuntimeException e) {
                throw new AdaptationException(
                        Message.of("adapt.invalid", id, "validator broke: " + e), false);
            }
            if (!report.valid()) {
                throw new AdaptationException(
                        Message.of(
                                "adapt.invalid",
                                id,
                                report.ruleSet()
                                        + ": "
                                        + report.findings().stream()
                                                .filter(
                                                        f ->
                                                                f.severity()
                                                                        == ValidationReport.Severity
                                                                                .ERROR)
                                                .limit(5)
                                                .map(f -> f.rule() + " " + f.message())
                                                .collect(Collectors.joining("; "))),
                        false);
            }
            ruleSets.add(report.ruleSet());
        }
        record(
                row.id(),
                "ok",
                Message.of(
                        xmlCompared ? "adapt.done" : "adapt.doneSemantic",
                        id,
                        target.syntax()
                                + (target.specification().isEmpty()
                                        ? ""
                                        : " " + target.specification()),
                        added.isEmpty()
                                ? "-"
                                : added.stream()
                                        .map(d -> d.term() + " = " + d.copy())
                                        .collect(Collectors.joining(", ")),
                        ruleSets.isEmpty() ? "-" : String.join(", ", ruleSets)));
        // named by what it is, not by the syntax's name: a hybrid PDF, or XML
        boolean pdf =
                out.content().length > 4
                        && new String(
                                        out.content(),
                                        0,
                                        5,
                                        java.nio.charset.StandardCharsets.US_ASCII)
                                .equals("%PDF-");
        String ext = pdf ? "pdf" : "xml";
        String base = original.fileName().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        Document named =
                new Document(
                        (base.isBlank() ? "invoice" : base) + "." + ext,
                        ext.equals("pdf") ? "application/pdf" : "application/xml",
                        out.content());
        return new Adapted(named, id, ext);
    }

    /**
     * What the adapter changed in the XML (the file's, or the one a hybrid PDF carries) outside the
     * places of the terms it declares: the comparison covers what the semantic record does not
     * carry (contacts, payment means, notes, references).
     */
    private List<XmlChanges.Change> xmlChanges(
            String id, Document input, Document output, Target target) throws AdaptationException {
        Optional<byte[]> before = formats.invoiceXml(input);
        Optional<byte[]> after = formats.invoiceXml(output);
        if (before.isEmpty() || after.isEmpty()) {
            throw new AdaptationException(
                    Message.of("adapt.unreadable", id, "no invoice XML to compare"), false);
        }
        try {
            return XmlChanges.outside(before.get(), after.get(), target.syntax(), target.adds());
        } catch (UnreadableInvoiceException e) {
            throw new AdaptationException(
                    Message.of("adapt.unreadable", id, String.valueOf(e.getMessage())), false);
        }
    }

    /**
     * The invoice's receiver as the customer directory knows it: the customer's country (else the
     * buyer's on the invoice), the form the customer chose, and the buyer reference (BT-10) and
     * electronic address (BT-49) the directory holds for it.
     */
    public Receiver receiver(InvoiceRow row, Invoice invoice) throws java.sql.SQLException {
        io.facteur.core.internal.customer.Customer customer = null;
        try (java.sql.Connection c = inbox.database().connection()) {
            Optional<String> id = inbox.invoices().customerOf(c, row.id());
            if (id.isPresent()) {
                customer = inbox.customers().find(c, row.dossier(), id.get()).orElse(null);
            }
        }
        String country = "";
        if (customer != null
                && customer.address() != null
                && customer.address().countryCode() != null) {
            country = customer.address().countryCode();
        } else if (invoice.buyer() != null
                && invoice.buyer().address() != null
                && invoice.buyer().address().countryCode() != null) {
            country = invoice.buyer().address().countryCode();
        }
        String preferred =
                customer != null && customer.preferredFormat() != null
                        ? customer.preferredFormat()
                        : "";
        Map<String, String> references = new java.util.LinkedHashMap<>();
        if (customer != null && customer.buyerReference() != null) {
            references.put("BT-10", customer.buyerReference());
        }
        if (customer != null && customer.electronicAddress() != null) {
            references.put("BT-49", customer.electronicAddress());
        }
        return new Receiver(country, preferred, references);
    }

    /**
     * The dossier does not allow receiver XML changes: when an adapter would serve this receiver,
     * the timeline says that the original went instead.
     */
    public void offNote(InvoiceRow row, Receiver receiver) {
        Optional<String> adapter = adapterFor(receiver);
        if (adapter.isPresent()) {
            record(row.id(), "off", Message.of("adapt.off", adapter.get()));
        }
    }

    /** {@code BT-131 (line 2)} is a BT-131. */
    private static String baseTerm(String term) {
        int space = term.indexOf(' ');
        return space < 0 ? term : term.substring(0, space);
    }

    private void record(String invoiceId, String outcome, Message message) {
        try {
            inbox.database()
                    .inTransaction(
                            c -> {
                                inbox.invoices().event(c, invoiceId, STEP, outcome, message);
                                return null;
                            });
        } catch (java.sql.SQLException e) {
            logger.warn("Adaptation of {} not recorded: {}", invoiceId, e.getMessage());
        }
    }

    private static Map<String, Object> settingsOf(
            SettingsService settings, String dossier, String adapter) {
        try {
            return settings.get(dossier, adapter)
                    .map(io.facteur.core.internal.settings.DossierSettings::values)
                    .orElse(Map.of());
        } catch (Exception e) {
            return Map.of();
        }
    }
}
