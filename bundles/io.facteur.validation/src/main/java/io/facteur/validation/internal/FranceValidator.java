package io.facteur.validation.internal;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.france.FranceCTCValidation;
import com.helger.phive.xml.source.IValidationSourceXML;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.ValidationReport.Finding;
import io.facteur.api.Validator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Applies the rules of the French e-invoicing reform (FNFE-MPE, CTC 1.3.0) to documents whose
 * specification identifier (BT-24) declares the EXTENDED-CTC-FR profile: the EXTENDED-CTC-FR
 * Schematron and the French business rules BR-FR-* (Flux 2), for CII (also inside a Factur-X PDF)
 * and UBL Invoice and CreditNote. The sets' XML Schema is left to {@code validation.en16931}, and
 * so is every EN 16931 rule that the EXTENDED-CTC-FR Schematron restates under CEN's id and that
 * CEN's rules report at least as severely.
 */
@Component(service = Validator.class)
@Capability(
        capability = "validation.france",
        kind = CapabilityKind.VALIDATOR,
        label = "France EXTENDED-CTC-FR (FNFE-MPE rules)")
public class FranceValidator extends DeclaredRulesValidator {

    /** BT-24 of the EXTENDED-CTC-FR profile. */
    static final Pattern EXTENDED_CTC_FR =
            Pattern.compile("#conformant#urn\\.cpro\\.gouv\\.fr:1p0:extended-ctc-fr(?![\\w.:-])");

    /** For each French set, the CEN rules that {@code validation.en16931} applies instead. */
    private static final Map<DVRCoordinate, DVRCoordinate> CEN_RULES =
            Map.of(
                    FranceCTCValidation.VID_FR_EXTENDED_CTC_CII_1_3_0,
                    En16931Validator.CII_RULES,
                    FranceCTCValidation.VID_FR_EXTENDED_CTC_UBL_INV_1_3_0,
                    En16931Validator.UBL_INVOICE_RULES,
                    FranceCTCValidation.VID_FR_EXTENDED_CTC_UBL_CN_1_3_0,
                    En16931Validator.UBL_CREDIT_NOTE_RULES);

    private final En16931Coverage en16931;

    /** Creates the validator on the bundle's shared rule library. */
    @Activate
    public FranceValidator(@Reference RuleLibrary library) {
        super(
                library,
                Set.of("CII", "UBL", "FACTUR_X"),
                EXTENDED_CTC_FR,
                Pattern.compile("/schematron/ctc/"));
        this.en16931 = new En16931Coverage(library);
    }

    @Override
    protected String family() {
        return "France-CTC";
    }

    @Override
    Optional<RuleSet> ruleSetFor(XmlSyntax syntax, MatchResult declared) {
        switch (syntax) {
            case CII:
                return Optional.of(
                        RuleSet.of(
                                "EXTENDED-CTC-FR-CII",
                                FranceCTCValidation.VID_FR_EXTENDED_CTC_CII_1_3_0));
            case UBL_INVOICE:
                return Optional.of(
                        RuleSet.of(
                                "EXTENDED-CTC-FR-UBL",
                                FranceCTCValidation.VID_FR_EXTENDED_CTC_UBL_INV_1_3_0));
            case UBL_CREDIT_NOTE:
                return Optional.of(
                        RuleSet.of(
                                "EXTENDED-CTC-FR-UBL-CreditNote",
                                FranceCTCValidation.VID_FR_EXTENDED_CTC_UBL_CN_1_3_0));
            default:
                return Optional.empty();
        }
    }

    @Override
    List<Finding> findings(
            RuleSet ruleSet, ValidationResultList results, IValidationSourceXML source) {
        DVRCoordinate cen = CEN_RULES.get(ruleSet.id());
        return super.findings(ruleSet, results, source).stream()
                .filter(finding -> !en16931.reports(finding, cen))
                .toList();
    }
}
