package io.facteur.validation.internal;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.en16931.EN16931Validation;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Syntax;
import io.facteur.api.Validator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Applies the CEN rules of EN 16931 (XML Schema and Schematron 1.3.16, for CII and for UBL Invoice
 * and CreditNote) to every CII, UBL and Factur-X invoice whose profile claims to be a complete
 * invoice.
 */
@Component(service = Validator.class)
@Capability(
        capability = "validation.en16931",
        kind = CapabilityKind.VALIDATOR,
        label = "EN 16931 (CEN rules)")
public class En16931Validator extends PhiveValidator {

    /** The CEN rules this validator applies to CII documents. */
    static final DVRCoordinate CII_RULES = EN16931Validation.VID_CII_1316;

    /** The CEN rules this validator applies to UBL invoices. */
    static final DVRCoordinate UBL_INVOICE_RULES = EN16931Validation.VID_UBL_INVOICE_1316;

    /** The CEN rules this validator applies to UBL credit notes. */
    static final DVRCoordinate UBL_CREDIT_NOTE_RULES = EN16931Validation.VID_UBL_CREDIT_NOTE_1316;

    private static final Set<String> SYNTAXES = Set.of("CII", "UBL", "FACTUR_X");

    /** Creates the validator on the bundle's shared rule library. */
    @Activate
    public En16931Validator(@Reference RuleLibrary library) {
        super(library);
    }

    @Override
    public boolean appliesTo(Syntax syntax) {
        return SYNTAXES.contains(syntax.syntax()) && !partialProfile(syntax.profile());
    }

    /** Factur-X MINIMUM and BASIC WL are not complete invoices: EN 16931 does not apply to them. */
    static boolean partialProfile(String profile) {
        String lower = profile.toLowerCase(Locale.ROOT);
        return !lower.startsWith("urn:cen.eu:en16931")
                && (lower.contains("minimum") || lower.contains("basicwl"));
    }

    @Override
    protected String family() {
        return "EN16931";
    }

    @Override
    Optional<RuleSet> ruleSetFor(XmlSyntax syntax, String bt24) {
        switch (syntax) {
            case CII:
                return Optional.of(RuleSet.of("EN16931-CII", CII_RULES));
            case UBL_INVOICE:
                return Optional.of(RuleSet.of("EN16931-UBL", UBL_INVOICE_RULES));
            case UBL_CREDIT_NOTE:
                return Optional.of(RuleSet.of("EN16931-UBL-CreditNote", UBL_CREDIT_NOTE_RULES));
            default:
                return Optional.empty();
        }
    }
}
