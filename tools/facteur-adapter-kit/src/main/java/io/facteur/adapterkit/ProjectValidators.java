package io.facteur.adapterkit;

import io.facteur.api.Document;
import io.facteur.api.Syntax;
import io.facteur.api.ValidationReport;
import io.facteur.api.Validator;
import io.facteur.api.invoice.Invoice;
import java.util.List;

/**
 * The project's validators (every DS component of the class path that provides {@link Validator}:
 * EN 16931, XRechnung, Factur-X profiles, and whatever the validation bundle adds), each applied
 * when its {@code appliesTo} holds, as in the core.
 */
public final class ProjectValidators implements ValidationStep {

    private final List<Validator> validators;

    /** The validators of these components. */
    public ProjectValidators(Components components) {
        this.validators = components.provide(Validator.class);
    }

    /** The validators found, so that a test can say which rules it ran. */
    public List<Validator> validators() {
        return validators;
    }

    @Override
    public List<ValidationReport> validate(Document adapted, Invoice copy, Syntax syntax) {
        return validators.stream()
                .filter(v -> v.appliesTo(syntax))
                .map(v -> v.validate(adapted, copy))
                .toList();
    }
}
