package ${package}.internal;

import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The form of receivers in ${country}: UBL 2.1 declaring plain EN 16931 ({@code urn:cen.eu:en16931:2017}).
 * Holds no configuration: each dossier's settings ({@link CountrySettings}) come with each invoice.
 *
 * <p>As generated it changes nothing: an invoice that declares EN 16931 goes out as Facteur wrote
 * it in UBL, and one that declares another specification (a CIUS, a Factur-X profile) is refused
 * with the reason, because the core allows no difference from the source outside {@link
 * Target#adds()}.
 *
 * <p>Where the country's form differs: give its specification identifier (BT-24) in {@link
 * #SPECIFICATION}, list in {@link #ADDS} every business term {@link #adapt} sets or changes (BT-24
 * itself, BT-10 for a buyer reference, ...), and set them in {@link #adapt}, on the UBL text it is
 * given. The conformance test (CountryAdapterCorpusTest) then tells, file by file of the shared
 * corpus, whether the result is conform to the rules installed in Facteur.
 */
@Component(
        service = ReceiverAdapter.class,
        configurationPid = CountrySettings.PID,
        configurationPolicy = ConfigurationPolicy.IGNORE)
@Designate(ocd = CountrySettings.class, factory = true)
@Capability(
        capability = CountryAdapter.ID,
        kind = CapabilityKind.RECEIVER_ADAPTER,
        label = "${label}",
        settings_pid = CountrySettings.PID)
public class CountryAdapter implements ReceiverAdapter {

    /** The capability id. */
    static final String ID = "${capability}";

    /** ISO 3166-1 alpha-2 code of the country whose receivers it serves. */
    static final String COUNTRY = "${country}";

    /** The syntax it produces, as Facteur's readers and writers name it. */
    static final String SYNTAX = "UBL";

    /** The specification identifier (BT-24) its results declare. */
    static final String SPECIFICATION = "urn:cen.eu:en16931:2017";

    /** The business terms it may set or change: none as generated. */
    static final Set<String> ADDS = Set.of();

    /** Larger invoice XML is refused, never adapted. */
    static final int MAX_BYTES = 20 * 1024 * 1024;

    @Override
    public Target target() {
        return new Target(SYNTAX, SPECIFICATION, ADDS);
    }

    /**
     * Serves the customers who chose this form, and the receivers in its country whose entry names
     * no other form.
     */
    @Override
    public boolean serves(Receiver receiver) {
        String chosen = receiver.preferredForm();
        return ID.equals(chosen)
                || chosen.isEmpty() && COUNTRY.equalsIgnoreCase(receiver.countryCode());
    }

    @Override
    public Document adapt(
            Document invoiceXml, Invoice invoice, Receiver receiver, Map<String, Object> settings)
            throws UnreadableInvoiceException {
        Messages messages = Messages.of(settings);
        if (invoiceXml.content().length > MAX_BYTES) {
            throw new UnreadableInvoiceException(
                    messages.format("xml.tooLarge", invoiceXml.content().length, MAX_BYTES));
        }
        String declared = invoice.specification();
        if (!SPECIFICATION.equals(declared)) {
            throw new UnreadableInvoiceException(
                    messages.format("specification.other", declared, SPECIFICATION));
        }
        // The country's tags are set here, on invoiceXml (UBL 2.1 in the document's encoding), with
        // the values the receiver's entry (receiver.references()), the invoice and the dossier's
        // settings (CountrySettings) give; declare each term set in ADDS. Edit with the platform's
        // io.facteur.api.xml.XmlEditor: it parses safely and changes only the bytes of what it
        // sets (XmlEditor.parse(bytes, locale), setOrAdd(...), bytes()), so that the core's
        // comparison of the XML finds nothing changed outside the places of the declared terms.
        return invoiceXml;
    }
}
