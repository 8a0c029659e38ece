package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Customers;
import io.facteur.api.Dossiers;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The defaults of an invoice: its due date from the payment term, its language from the dossier.
 */
class DefaultsTest {

    @Test
    void theThreeKindsOfPaymentTerm() {
        LocalDate issued = LocalDate.of(2026, 1, 20);

        assertThat(new PaymentTerm(PaymentTerm.Kind.DAYS, 30).dueDate(issued))
                .isEqualTo("2026-02-19");
        // the end of the month, then the days
        assertThat(new PaymentTerm(PaymentTerm.Kind.END_OF_MONTH, 0).dueDate(issued))
                .isEqualTo("2026-01-31");
        assertThat(new PaymentTerm(PaymentTerm.Kind.END_OF_MONTH, 10).dueDate(issued))
                .isEqualTo("2026-02-10");
        // "45 jours fin de mois": the days, then the end of that month (2026 is not a leap year)
        assertThat(new PaymentTerm(PaymentTerm.Kind.DAYS_END_OF_MONTH, 45).dueDate(issued))
                .isEqualTo("2026-03-31");
        assertThat(new PaymentTerm(PaymentTerm.Kind.DAYS_END_OF_MONTH, 30).dueDate(issued))
                .isEqualTo("2026-02-28");
        assertThat(new PaymentTerm(null, 0).kind()).isEqualTo(PaymentTerm.Kind.DAYS);
        assertThatThrownBy(() -> new PaymentTerm(PaymentTerm.Kind.DAYS, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentTerm(PaymentTerm.Kind.DAYS, 367))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLanguageIsTheCompanysOrTheCustomersAsTheDossierSays() {
        Buyer german = buyer("", "de");
        Buyer known = buyer("c-1", "");
        Buyer italian = buyer("", "it");
        Customers directory = new OneCustomer();

        LanguageRule company =
                LanguageRule.of(dossier("en", Dossiers.LanguageSource.COMPANY), directory);
        LanguageRule customer =
                LanguageRule.of(dossier("en", Dossiers.LanguageSource.CUSTOMER), directory);
        LanguageRule italianCompany =
                LanguageRule.of(dossier("it", Dossiers.LanguageSource.CUSTOMER), null);

        assertThat(company.language("d", german)).isEqualTo("en");
        assertThat(customer.language("d", german)).isEqualTo("de");
        // the directory knows the customer's language when the draft does not say it
        assertThat(customer.language("d", known)).isEqualTo("fr");
        // a language Facteur has no labels for: the company's
        assertThat(customer.language("d", italian)).isEqualTo("en");
        // neither has labels: French
        assertThat(italianCompany.language("d", italian)).isEqualTo("fr");
    }

    private static Buyer buyer(String customerId, String language) {
        return new Buyer(
                customerId,
                "Kunde GmbH",
                "",
                "",
                new Address("", "", "", "", "DE"),
                "",
                "",
                language);
    }

    private static Dossiers dossier(String language, Dossiers.LanguageSource source) {
        return new Dossiers() {
            @Override
            public Optional<Dossier> find(String dossierId) {
                return Optional.of(new Dossier(dossierId, "D", "FR", "", "", language));
            }

            @Override
            public DossierDefaults defaults(String dossierId) {
                return new DossierDefaults(
                        language, 30, false, false, DuplicateMode.WARN, 10, source, 48);
            }
        };
    }

    /** A directory that knows one customer, French. */
    private static final class OneCustomer implements Customers {
        @Override
        public Optional<Entry> find(String dossier, String customerId) {
            return "c-1".equals(customerId)
                    ? Optional.of(new Entry("c-1", "Client", List.of(), "fr", null, "", ""))
                    : Optional.empty();
        }

        @Override
        public List<Entry> search(String dossier, String text, int limit) {
            return List.of();
        }

        @Override
        public Entry register(String dossier, NewCustomer customer) {
            throw new UnsupportedOperationException();
        }
    }
}
