package ${package}.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.FileResult;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.ReceiverAdapter.Receiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The adapter over every CII and UBL invoice of the shared corpus ({@code
 * -Dfacteur.corpus=<folder>} or shared/corpus above the project), checked by facteur-adapter-kit as
 * the core checks it: each file conform (EN 16931's rules find no error) or refused with a reason,
 * none falsified nor broken.
 */
class CountryAdapterCorpusTest {

    private static KitReport run(Map<String, Object> settings) {
        return AdapterKit.of(new CountryAdapter())
                .withReceiver(new Receiver(CountryAdapter.COUNTRY, "", Map.of()))
                .withSettings(settings)
                .run(SharedCorpus.folder("cii"), SharedCorpus.folder("ubl"));
    }

    @Test
    void everyCorpusInvoiceIsConformOrRefusedWithItsReason() {
        KitReport report = run(Map.of());
        System.out.println("${capability}: " + report);

        // when the adapter sets terms the rules refuse for some files, name them here with the
        // rule ids: assertConformOrRefused(Map.of("file.xml", Set.of("BR-XX-1")))
        report.assertConformOrRefused();
        assertThat(report.count(Outcome.CONFORM)).as("conform files").isPositive();
        assertThat(report.with(Outcome.CONFORM))
                .allMatch(r -> r.ruleSets().stream().anyMatch(s -> s.startsWith("EN16931-UBL")));
        // refused by this adapter; the others by the project (no writer to UBL) or by the core's
        // gate (the source breaks its own rules)
        List<FileResult> refusedByAdapter =
                report.results().stream().filter(FileResult::refusedByAdapter).toList();
        assertThat(refusedByAdapter)
                .allMatch(r -> r.reason().contains(CountryAdapter.SPECIFICATION), "names EN 16931");
    }

    @Test
    void reasonsAreInTheDossiersLanguage() {
        KitReport report = run(Map.of(Messages.LANGUAGE, "fr"));

        assertThat(
                        report.results().stream().filter(FileResult::refusedByAdapter))
                .isNotEmpty()
                .allMatch(r -> r.reason().startsWith("Les destinataires en ${country}"));
    }

    @Test
    void servesItsCountryAndWhoeverChoseIt() {
        CountryAdapter adapter = new CountryAdapter();

        assertThat(adapter.serves(new Receiver(CountryAdapter.COUNTRY.toLowerCase(), "", Map.of())))
                .isTrue();
        assertThat(adapter.serves(new Receiver("", CountryAdapter.ID, Map.of()))).isTrue();
        assertThat(adapter.serves(new Receiver(CountryAdapter.COUNTRY, "another.form", Map.of())))
                .isFalse();
        assertThat(adapter.serves(new Receiver("", "", Map.of()))).isFalse();
    }
}
