package io.facteur.format.ubl.internal;

import com.helger.jaxb.GenericJAXBMarshaller;
import com.helger.ubl21.UBL21Marshaller;
import jakarta.xml.bind.ValidationEvent;
import java.util.ArrayList;
import java.util.List;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.w3c.dom.Node;

/**
 * Binds an already parsed (and hardened) DOM to ph-ubl's UBL 2.1 model. XSD validation is left to
 * the validators: a reader reads what the document declares, skips elements outside UBL's
 * namespaces, and refuses only what it cannot bind.
 */
final class UblSchema {

    /**
     * The bound document, or null with the binder's messages.
     *
     * @param document the UBL model, null when it could not be bound
     * @param errors what the binder reported
     */
    record Result<T>(T document, List<String> errors) {}

    private UblSchema() {}

    static Result<InvoiceType> invoice(Node dom) {
        return bind(UBL21Marshaller.invoice(), dom);
    }

    static Result<CreditNoteType> creditNote(Node dom) {
        return bind(UBL21Marshaller.creditNote(), dom);
    }

    /** Binds with any ph-jaxb marshaller (the CII D16B one too), leniently, as above. */
    static <T> Result<T> bind(GenericJAXBMarshaller<T> marshaller, Node dom) {
        List<String> errors = new ArrayList<>();
        marshaller.setUseSchema(false);
        marshaller.setValidationEventHandler(
                event -> {
                    errors.add(event.getMessage());
                    // like JAXB's default: unknown elements are skipped, only fatal errors stop
                    return event.getSeverity() != ValidationEvent.FATAL_ERROR;
                });
        marshaller.readExceptionCallbacks().set(e -> errors.add(String.valueOf(e.getMessage())));
        T document = marshaller.read(dom);
        return new Result<>(document, errors);
    }
}
