package io.facteur.validation.internal;

import com.helger.phive.peppol.PeppolValidation2025_11;
import com.helger.phive.peppol.PeppolValidation2026_05;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Validator;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Applies the OpenPeppol rules of Peppol BIS Billing 3.0 (UBL Invoice and CreditNote; Peppol has no
 * CII binding) to documents whose specification identifier (BT-24) declares it. The rules are those
 * of the release in force, as OpenPeppol publishes them twice a year: 2026.5 from its validity date
 * (17 August 2026) on, 2025.11 before. Peppol's sets also carry the XML Schema and its copy of
 * CEN's EN 16931 Schematron: those findings are left to {@code validation.en16931}.
 */
@Component(service = Validator.class)
@Capability(
        capability = "validation.peppol",
        kind = CapabilityKind.VALIDATOR,
        label = "Peppol BIS Billing 3.0 (OpenPeppol rules)")
public class PeppolValidator extends DeclaredRulesValidator {

    /** BT-24 of Peppol BIS Billing 3.0, alone or followed by an extension built on it. */
    static final Pattern PEPPOL_BIS_BILLING =
            Pattern.compile("#compliant#urn:fdc:peppol\\.eu:2017:poacc:billing:3\\.0(?![\\w.:])");

    private final Clock clock;

    /** Creates the validator on the bundle's shared rule library. */
    @Activate
    public PeppolValidator(@Reference RuleLibrary library) {
        this(library, Clock.systemUTC());
    }

    /** Creates the validator with the clock that decides which Peppol release is in force. */
    PeppolValidator(RuleLibrary library, Clock clock) {
        super(library, Set.of("UBL"), PEPPOL_BIS_BILLING, Pattern.compile("/PEPPOL-EN16931-UBL"));
        this.clock = clock;
    }

    @Override
    protected String family() {
        return "Peppol";
    }

    @Override
    Optional<RuleSet> ruleSetFor(XmlSyntax syntax, MatchResult declared) {
        boolean release2026 =
                !OffsetDateTime.now(clock).isBefore(PeppolValidation2026_05.VALID_PER_UTC);
        switch (syntax) {
            case UBL_INVOICE:
                return Optional.of(
                        RuleSet.of(
                                "Peppol-BIS-Billing-UBL",
                                release2026
                                        ? PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3
                                        : PeppolValidation2025_11.VID_OPENPEPPOL_INVOICE_UBL_V3));
            case UBL_CREDIT_NOTE:
                return Optional.of(
                        RuleSet.of(
                                "Peppol-BIS-Billing-UBL-CreditNote",
                                release2026
                                        ? PeppolValidation2026_05.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3
                                        : PeppolValidation2025_11
                                                .VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3));
            default:
                return Optional.empty();
        }
    }
}
