package io.facteur.adapter.de.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.FileResult;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.adapterkit.SharedCorpus;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An XRechnung adapter broken on purpose (it also changes the invoice number, or the amount due) is
 * caught by the kit, with the check the core makes: every file it adapts is falsified.
 */
class BrokenAdapterTest {

    /** The real UBL adapter, its result then edited. */
    private static ReceiverAdapter breaking(UnaryOperator<String> edit) {
        ReceiverAdapter real = new XRechnungUblAdapter();
        return new ReceiverAdapter() {
            @Override
            public Target target() {
                return real.target();
            }

            @Override
            public boolean serves(Receiver receiver) {
                return real.serves(receiver);
            }

            @Override
            public Document adapt(
                    Document xml, Invoice invoice, Receiver receiver, Map<String, Object> settings)
                    throws UnreadableInvoiceException {
                Document adapted = real.adapt(xml, invoice, receiver, settings);
                String text = new String(adapted.content(), StandardCharsets.UTF_8);
                return new Document(
                        adapted.fileName(),
                        adapted.mediaType(),
                        edit.apply(text).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static KitReport run(ReceiverAdapter adapter, String... folders) {
        AdapterKit kit =
                AdapterKit.of(adapter)
                        .withReceiver(new ReceiverAdapter.Receiver("DE", "", Map.of()))
                        .withSettings(Map.of(XRechnungSettings.LEITWEG_ID, "04011000-12345-03"));
        return kit.run(
                java.util.Arrays.stream(folders)
                        .map(SharedCorpus::folder)
                        .toArray(java.nio.file.Path[]::new));
    }

    @Test
    void anAdapterThatChangesTheInvoiceNumberIsCaughtOnEveryFile() {
        KitReport report =
                run(breaking(xml -> xml.replaceFirst("<cbc:ID>", "<cbc:ID>X-")), "cii", "ubl");

        // every file the real adapter adapts is found falsified in BT-1; the rest stay refused
        int adaptedByTheRealOne =
                run(new XRechnungUblAdapter(), "cii", "ubl").count(Outcome.CONFORM);
        assertThat(adaptedByTheRealOne).isEqualTo(68);
        assertThat(report.count(Outcome.FALSIFIED)).isEqualTo(adaptedByTheRealOne);
        assertThat(report.count(Outcome.REFUSED))
                .isEqualTo(report.results().size() - adaptedByTheRealOne);
        assertThat(report.count(Outcome.CONFORM)).isZero();
        assertThat(report.with(Outcome.FALSIFIED))
                .allMatch(r -> r.differences().stream().anyMatch(d -> d.term().equals("BT-1")));
        assertThatThrownBy(report::assertConformOrRefused)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("68 file(s) not conform")
                .hasMessageContaining("BT-1 invoice number");
    }

    @Test
    void anAdapterThatChangesTheAmountDueIsCaught() {
        KitReport report =
                run(
                        breaking(
                                xml ->
                                        xml.replaceFirst(
                                                "(<cbc:PayableAmount currencyID=\"\\w+\">)",
                                                "$11")),
                        "ubl");

        assertThat(report.count(Outcome.CONFORM)).isZero();
        assertThat(report.with(Outcome.FALSIFIED))
                .extracting(FileResult::name)
                .containsExactlyInAnyOrderElementsOf(
                        run(new XRechnungUblAdapter(), "ubl").with(Outcome.CONFORM).stream()
                                .map(FileResult::name)
                                .toList());
        assertThat(report.with(Outcome.FALSIFIED))
                .allMatch(r -> r.differences().stream().anyMatch(d -> d.term().equals("BT-115")));
    }
}
