package io.facteur.validation.internal;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.xrechnung.XRechnungValidation;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Validator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Applies the KoSIT XRechnung rules (3.0.2 for XRechnung 3.0, 2.3.1 for 2.3, with the extension
 * rules for the extension profile) to documents whose specification identifier (BT-24) declares
 * XRechnung. KoSIT's sets also carry the XML Schema and an EN 16931 Schematron layer: their
 * findings are left to {@code validation.en16931}, so that no finding is reported twice.
 */
@Component(service = Validator.class)
@Capability(
        capability = "validation.xrechnung",
        kind = CapabilityKind.VALIDATOR,
        label = "XRechnung (KoSIT rules)")
public class XRechnungValidator extends DeclaredRulesValidator {

    private static final Pattern XRECHNUNG =
            Pattern.compile("urn:xeinkauf\\.de:kosit:(extension:)?xrechnung_(3\\.0|2\\.3)");

    /** Creates the validator on the bundle's shared rule library. */
    @Activate
    public XRechnungValidator(@Reference RuleLibrary library) {
        super(library, Set.of("CII", "UBL", "FACTUR_X"), XRECHNUNG, Pattern.compile("XRechnung"));
    }

    @Override
    protected String family() {
        return "XRechnung";
    }

    @Override
    Optional<RuleSet> ruleSetFor(XmlSyntax syntax, MatchResult declared) {
        boolean extension = declared.group(1) != null;
        boolean v30 = "3.0".equals(declared.group(2));
        DVRCoordinate id;
        switch (syntax) {
            case CII:
                id = coordinate(extension, v30, "CII");
                return Optional.of(RuleSet.of("XRechnung-CII", id));
            case UBL_INVOICE:
                id = coordinate(extension, v30, "UBL");
                return Optional.of(RuleSet.of("XRechnung-UBL", id));
            case UBL_CREDIT_NOTE:
                id =
                        v30
                                ? XRechnungValidation.VID_XRECHNUNG_UBL_CREDITNOTE_302
                                : XRechnungValidation.VID_XRECHNUNG_UBL_CREDITNOTE_231;
                return Optional.of(RuleSet.of("XRechnung-UBL-CreditNote", id));
            default:
                return Optional.empty();
        }
    }

    private static DVRCoordinate coordinate(boolean extension, boolean v30, String syntax) {
        boolean cii = "CII".equals(syntax);
        if (extension) {
            if (cii) {
                return v30
                        ? XRechnungValidation.VID_XRECHNUNG_EXTENSION_CII_302
                        : XRechnungValidation.VID_XRECHNUNG_EXTENSION_CII_231;
            }
            return v30
                    ? XRechnungValidation.VID_XRECHNUNG_EXTENSION_UBL_INVOICE_302
                    : XRechnungValidation.VID_XRECHNUNG_EXTENSION_UBL_INVOICE_231;
        }
        if (cii) {
            return v30
                    ? XRechnungValidation.VID_XRECHNUNG_CII_302
                    : XRechnungValidation.VID_XRECHNUNG_CII_231;
        }
        return v30
                ? XRechnungValidation.VID_XRECHNUNG_UBL_INVOICE_302
                : XRechnungValidation.VID_XRECHNUNG_UBL_INVOICE_231;
    }
}
