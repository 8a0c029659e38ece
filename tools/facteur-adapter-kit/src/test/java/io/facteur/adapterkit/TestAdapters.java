package io.facteur.adapterkit;

import io.facteur.api.Document;
import io.facteur.api.ReceiverAdapter;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.Invoice;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Small adapters that behave well or badly in one known way, to test the kit's verdicts. */
final class TestAdapters {

    private TestAdapters() {}

    /** Hands back the XML it is given, edited by a text replacement. */
    static ReceiverAdapter editing(String syntax, Set<String> adds, UnaryOperator<String> edit) {
        return new ReceiverAdapter() {
            @Override
            public Target target() {
                return new Target(syntax, "", adds);
            }

            @Override
            public boolean serves(Receiver receiver) {
                return true;
            }

            @Override
            public Document adapt(
                    Document xml, Invoice invoice, Receiver receiver, Map<String, Object> s) {
                String text = new String(xml.content(), StandardCharsets.UTF_8);
                return new Document(
                        xml.fileName(),
                        xml.mediaType(),
                        edit.apply(text).getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** Hands back the document it is given, byte for byte (a PDF too). */
    static ReceiverAdapter passing(String syntax) {
        return new ReceiverAdapter() {
            @Override
            public Target target() {
                return new Target(syntax, "", Set.of());
            }

            @Override
            public boolean serves(Receiver receiver) {
                return true;
            }

            @Override
            public Document adapt(
                    Document document, Invoice invoice, Receiver receiver, Map<String, Object> s) {
                return document;
            }
        };
    }

    /** Refuses every invoice with this reason. */
    static ReceiverAdapter refusing(String reason) {
        return new ReceiverAdapter() {
            @Override
            public Target target() {
                return new Target("UBL", "", Set.of());
            }

            @Override
            public boolean serves(Receiver receiver) {
                return true;
            }

            @Override
            public Document adapt(
                    Document xml, Invoice invoice, Receiver receiver, Map<String, Object> s)
                    throws UnreadableInvoiceException {
                throw new UnreadableInvoiceException(reason);
            }
        };
    }
}
