package io.facteur.validation.internal;

import io.facteur.api.Syntax;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PhiveValidator} for rules that a document takes on by declaring them in its
 * specification identifier (BT-24), such as a CIUS or a national extension. The phive sets of such
 * rules also carry the XML Schema and a copy of CEN's EN 16931 Schematron: their findings are left
 * to {@code validation.en16931}, this report keeps only the layers of these rules.
 */
abstract class DeclaredRulesValidator extends PhiveValidator {

    private final Set<String> syntaxes;
    private final Pattern declared;
    private final Pattern ownLayers;

    /**
     * @param syntaxes the {@link Syntax#syntax()} values these rules can apply to
     * @param declared found in BT-24 when the document declares these rules
     * @param ownLayers found in the rule resource path of the layers this report keeps
     */
    DeclaredRulesValidator(
            RuleLibrary library, Set<String> syntaxes, Pattern declared, Pattern ownLayers) {
        super(library);
        this.syntaxes = Set.copyOf(syntaxes);
        this.declared = declared;
        this.ownLayers = ownLayers;
    }

    /** The rule set for this syntax and what BT-24 declared, empty when these rules lack one. */
    abstract Optional<RuleSet> ruleSetFor(XmlSyntax syntax, MatchResult declaration);

    @Override
    public boolean appliesTo(Syntax syntax) {
        return syntaxes.contains(syntax.syntax()) && declared.matcher(syntax.profile()).find();
    }

    @Override
    final boolean reportsLayer(String rulePath) {
        return ownLayers.matcher(rulePath).find();
    }

    @Override
    final Optional<RuleSet> ruleSetFor(XmlSyntax syntax, String bt24) {
        Matcher declaration = declared.matcher(bt24);
        return declaration.find() ? ruleSetFor(syntax, declaration) : Optional.empty();
    }
}
