package io.facteur.adapter.peppol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.adapterkit.AdapterKit;
import io.facteur.adapterkit.KitReport;
import io.facteur.adapterkit.Outcome;
import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Peppol adapter broken on purpose (it also rewrites the seller's address, or the sum of line net
 * amounts) is caught by the kit on every file, with the check the core makes.
 */
class BrokenAdapterTest {

    @TempDir Path temp;

    private static ReceiverAdapter breaking(UnaryOperator<String> edit) {
        ReceiverAdapter real = new PeppolAdapter();
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
                return new Document(
                        adapted.fileName(),
                        adapted.mediaType(),
                        edit.apply(new String(adapted.content(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private KitReport run(ReceiverAdapter adapter) {
        return AdapterKit.of(adapter)
                .withReceiver(
                        new ReceiverAdapter.Receiver("BE", "", Map.of("BT-49", PeppolCorpus.BUYER)))
                .run(PeppolCorpus.writeTo(temp));
    }

    private int adaptedByTheRealOne() {
        int conform = run(new PeppolAdapter()).count(Outcome.CONFORM);
        assertThat(conform).isEqualTo(61);
        return conform;
    }

    @Test
    void anAdapterThatAlsoChangesTheSellersAddressIsCaught() {
        KitReport report = run(breaking(xml -> xml.replace(">0456789034<", ">0456789133<")));

        // every file the real adapter adapts is caught; the others stay refused with its reason
        assertThat(report.count(Outcome.FALSIFIED)).isEqualTo(adaptedByTheRealOne());
        assertThat(report.count(Outcome.REFUSED)).isEqualTo(66 - adaptedByTheRealOne());
        assertThat(report.with(Outcome.FALSIFIED))
                .allMatch(r -> r.differences().stream().anyMatch(d -> d.term().equals("BT-34")));
        assertThatThrownBy(report::assertConformOrRefused)
                .hasMessageContaining("BT-34 seller electronic address");
    }

    @Test
    void anAdapterThatChangesTheSumOfLineAmountsIsCaught() {
        KitReport report =
                run(
                        breaking(
                                xml ->
                                        xml.replaceFirst(
                                                "(<cbc:LineExtensionAmount currencyID=\"\\w+\">)",
                                                "$19")));

        assertThat(report.count(Outcome.CONFORM)).isZero();
        assertThat(report.count(Outcome.FALSIFIED)).isEqualTo(adaptedByTheRealOne());
        assertThat(report.with(Outcome.FALSIFIED))
                .allMatch(r -> r.differences().stream().anyMatch(d -> d.term().equals("BT-106")));
    }
}
