package io.facteur.adapter.fr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.adapterkit.AdapterKit;
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
 * French adapters broken on purpose (one changes the invoice number, one sends another invoice's
 * Factur-X) are caught by the kit, with the check the core makes: every file they adapt is
 * falsified.
 */
class BrokenAdapterTest {

    /** The real adapter, its result then replaced. */
    private static ReceiverAdapter breaking(ReceiverAdapter real, UnaryOperator<Document> change) {
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
                return change.apply(real.adapt(xml, invoice, receiver, settings));
            }
        };
    }

    private static KitReport run(ReceiverAdapter adapter) {
        return AdapterKit.of(adapter)
                .withReceiver(new ReceiverAdapter.Receiver("FR", "", Map.of()))
                .run(SharedCorpus.folder("cii"), SharedCorpus.folder("ubl"));
    }

    @Test
    void aCtcAdapterThatChangesTheInvoiceNumberIsCaughtOnEveryFile() {
        KitReport report =
                run(
                        breaking(
                                new CtcAdapter(),
                                d -> {
                                    String xml = new String(d.content(), StandardCharsets.UTF_8);
                                    return new Document(
                                            d.fileName(),
                                            d.mediaType(),
                                            xml.replaceFirst(
                                                            "(?s)(<(\\w+:)?ExchangedDocument>(\\s|<!--.*?-->)*<(\\w+:)?ID>)",
                                                            "$1X-")
                                                    .getBytes(StandardCharsets.UTF_8));
                                }));

        // every file the real adapter adapts (69 conform, 2 invalid by a French rule) is found
        // falsified; the rest stay refused by the gate or the adapter
        assertThat(report.count(Outcome.FALSIFIED)).as(report.toString()).isEqualTo(71);
        assertThat(report.count(Outcome.CONFORM)).isZero();
        assertThat(report.with(Outcome.FALSIFIED))
                .allMatch(r -> r.differences().stream().anyMatch(d -> d.term().equals("BT-1")));
        assertThatThrownBy(report::assertConformOrRefused)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("71 file(s) not conform")
                .hasMessageContaining("BT-1 invoice number");
    }

    @Test
    void aFacturXAdapterThatSendsAnotherInvoiceIsCaught() {
        byte[] other = Corpus.bytes(SharedCorpus.folder("pdf").resolve("EN16931_Einfach.pdf"));
        KitReport report =
                run(
                        breaking(
                                new FacturXAdapter(),
                                d -> new Document(d.fileName(), d.mediaType(), other)));

        // the 6 Factur-X files the real adapter passes on; two of them have the other invoice's
        // number, but not its date nor its parties
        assertThat(report.count(Outcome.FALSIFIED)).isEqualTo(6);
        assertThat(report.count(Outcome.CONFORM)).isZero();
        assertThat(report.with(Outcome.FALSIFIED))
                .allMatch(r -> !r.differences().isEmpty())
                .filteredOn(r -> r.differences().stream().noneMatch(d -> d.term().equals("BT-1")))
                .extracting(r -> r.name())
                .containsExactlyInAnyOrder("Factur-X_basic.xml", "minimalDebit.xml");
    }
}
