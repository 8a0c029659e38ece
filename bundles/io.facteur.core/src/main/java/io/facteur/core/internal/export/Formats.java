package io.facteur.core.internal.export;

import io.facteur.api.Capability;
import io.facteur.api.Document;
import io.facteur.api.InvoiceReader;
import io.facteur.api.InvoiceWriter;
import io.facteur.api.Syntax;
import io.facteur.api.UnreadableInvoiceException;
import io.facteur.api.invoice.BusinessTerms;
import io.facteur.api.invoice.Invoice;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The formats a document can be exported in: the original as received, and whatever the installed
 * {@link InvoiceWriter}s write. Never a list in the code: a writer installed at runtime adds its
 * format, an uninstalled one takes it away (exports that need it wait for it).
 *
 * <p>A conversion never changes a business fact: the written file is read back with the installed
 * readers and compared with the source, business term by business term; any difference refuses it.
 */
@Component(service = Formats.class)
public class Formats {
    /** The format of the document as it was received. */
    public static final String ORIGINAL = "original";

    /**
     * Each customer's form: what a receiver adapter gives the customer's receiver (their country's
     * CIUS, their network's) when the dossier allows receiver XML changes; the original otherwise.
     */
    public static final String RECEIVER = "receiver";

    private final Map<String, Writer> writers = new ConcurrentSkipListMap<>();
    private final Map<String, InvoiceReader> readers = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** An installed writer and its capability. */
    private record Writer(String capability, String label, InvoiceWriter writer) {}

    /**
     * A format users can choose.
     *
     * @param id the format id: {@value #ORIGINAL}, or the syntax a writer produces
     * @param label how users know it
     * @param extension the file extension, empty for the original (it keeps its own)
     * @param capability the writer's capability id, empty for the original
     */
    public record Format(String id, String label, String extension, String capability) {}

    /**
     * A document in the chosen format.
     *
     * @param document the file to send
     * @param extension its extension, without dot
     * @param how what was done, for the timeline
     */
    public record Converted(Document document, String extension, Message how) {}

    /** A document cannot be had in the format now; {@link #waiting()} when a writer is missing. */
    public static final class ConversionException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Message reason;
        private final boolean waiting;

        ConversionException(Message reason, boolean waiting) {
            super(reason.english(), null, false, false);
            this.reason = reason;
            this.waiting = waiting;
        }

        public Message reason() {
            return reason;
        }

        /** True when installing a writer would let it through. */
        public boolean waiting() {
            return waiting;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addWriter(InvoiceWriter writer, Map<String, Object> props) {
        String capability = String.valueOf(props.get(Capability.ID));
        Object label = props.get(Capability.LABEL);
        writers.put(
                writer.syntax(),
                new Writer(capability, label == null ? writer.syntax() : label.toString(), writer));
        listeners.forEach(Runnable::run);
    }

    public void removeWriter(InvoiceWriter writer, Map<String, Object> props) {
        writers.values().removeIf(w -> w.writer() == writer);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addReader(InvoiceReader reader, Map<String, Object> props) {
        readers.put(String.valueOf(props.get(Capability.ID)), reader);
        listeners.forEach(Runnable::run);
    }

    public void removeReader(InvoiceReader reader, Map<String, Object> props) {
        readers.values().removeIf(r -> r == reader);
    }

    /** Called when a writer or reader arrives: exports waiting for one may go on. */
    public void onInstalled(Runnable listener) {
        listeners.add(listener);
    }

    /** The formats offered now, the original first, in the caller's language. */
    public List<Format> list(Locale locale) {
        List<Format> out = new ArrayList<>();
        out.add(new Format(ORIGINAL, Message.of("format.original").text(locale), "", ""));
        out.add(new Format(RECEIVER, Message.of("format.receiver").text(locale), "", ""));
        writers.forEach(
                (syntax, w) ->
                        out.add(
                                new Format(
                                        syntax,
                                        w.label(),
                                        w.writer().extension(),
                                        w.capability())));
        return out;
    }

    /** Whether the format is offered now. */
    public boolean offers(String format) {
        return ORIGINAL.equals(format) || RECEIVER.equals(format) || writers.containsKey(format);
    }

    /**
     * The document in the format.
     *
     * @param row the invoice
     * @param original its original bytes
     * @param invoice the invoice as read from them
     * @param format the format id
     * @param locale the language of any human-readable part a writer lays out
     * @throws ConversionException when it cannot be had (now or ever)
     */
    public Converted convert(
            InvoiceRow row, Document original, Invoice invoice, String format, Locale locale)
            throws ConversionException {
        if (ORIGINAL.equals(format) || format.equals(row.format())) {
            return new Converted(original, extension(original), Message.of("export.as.original"));
        }
        Writer target = writers.get(format);
        if (target == null) {
            throw new ConversionException(Message.of("export.waiting.format", format), true);
        }
        InvoiceReader reader = row.reader() == null ? null : readers.get(row.reader());
        if (reader == null) {
            throw new ConversionException(
                    Message.of("export.waiting.reader", String.valueOf(row.reader())), true);
        }
        byte[] xmlBytes =
                reader.invoiceXml(original)
                        .orElseThrow(
                                () ->
                                        new ConversionException(
                                                Message.of("export.noXml", format), false));
        Document xml = new Document(baseName(original) + ".xml", "application/xml", xmlBytes);
        String xmlSyntax =
                detect(xml)
                        .map(Syntax::syntax)
                        .orElseThrow(
                                () ->
                                        new ConversionException(
                                                Message.of("export.noXml", format), false));
        if (xmlSyntax.equals(format)) {
            // the XML a hybrid PDF carries, as it is: nothing converted
            return new Converted(xml, "xml", Message.of("export.as.embedded", format));
        }
        Document written;
        String how;
        try {
            if (target.writer().accepts(xmlSyntax)) {
                written = target.writer().write(xml, xmlSyntax, invoice, locale);
                how = target.capability();
            } else {
                Writer step = through(xmlSyntax, target.writer());
                if (step == null) {
                    throw new ConversionException(
                            Message.of("export.noWriter", xmlSyntax, format), false);
                }
                Document middle = step.writer().write(xml, xmlSyntax, invoice, locale);
                written = target.writer().write(middle, step.writer().syntax(), invoice, locale);
                how = step.capability() + ", " + target.capability();
            }
        } catch (UnreadableInvoiceException | RuntimeException e) {
            throw new ConversionException(
                    Message.of("export.writeFailed", format, String.valueOf(e.getMessage())),
                    false);
        }
        checkReadsBack(written, format, invoice);
        String ext = target.writer().extension();
        Document named =
                new Document(
                        baseName(original) + "." + ext,
                        target.writer().mediaType(),
                        written.content());
        return new Converted(named, ext, Message.of("export.as.converted", format, how));
    }

    /** A writer from the source syntax to one the target accepts. */
    private Writer through(String sourceSyntax, InvoiceWriter target) {
        for (Writer w : writers.values()) {
            if (w.writer() != target
                    && w.writer().accepts(sourceSyntax)
                    && target.accepts(w.writer().syntax())) {
                return w;
            }
        }
        return null;
    }

    /**
     * Reads a written file back with the installed readers.
     *
     * @return its syntax (with the specification it declares) and the invoice it carries; empty
     *     when no installed reader recognises it
     * @throws UnreadableInvoiceException when the reader that recognises it cannot read it
     */
    public Optional<ReadBack> readBack(Document written) throws UnreadableInvoiceException {
        for (InvoiceReader r : readers.values()) {
            Optional<Syntax> syntax;
            try {
                syntax = r.detect(written);
            } catch (RuntimeException e) {
                continue;
            }
            if (syntax.isPresent()) {
                try {
                    return Optional.of(new ReadBack(syntax.get(), r.read(written)));
                } catch (RuntimeException e) {
                    throw new UnreadableInvoiceException(String.valueOf(e.getMessage()), e);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The invoice XML a document carries (itself, or the XML a hybrid PDF embeds), by the installed
     * reader that recognises it.
     *
     * @return the XML, empty when no installed reader recognises the document or finds XML in it
     */
    public Optional<byte[]> invoiceXml(Document document) {
        for (InvoiceReader r : readers.values()) {
            try {
                if (r.detect(document).isPresent()) {
                    return r.invoiceXml(document);
                }
            } catch (RuntimeException e) {
                // a reader that breaks on a document does not recognise it
            }
        }
        return Optional.empty();
    }

    /**
     * A file read back.
     *
     * @param syntax what the reader recognised
     * @param invoice what it read
     */
    public record ReadBack(Syntax syntax, Invoice invoice) {}

    /** Reads the written file back: it must be of the format and carry the same business terms. */
    private void checkReadsBack(Document written, String format, Invoice source)
            throws ConversionException {
        for (InvoiceReader r : readers.values()) {
            Optional<Syntax> syntax;
            try {
                syntax = r.detect(written);
            } catch (RuntimeException e) {
                continue;
            }
            if (syntax.isEmpty()) {
                continue;
            }
            if (!syntax.get().syntax().equals(format)) {
                throw new ConversionException(
                        Message.of("export.wrongSyntax", format, syntax.get().syntax()), false);
            }
            Invoice copy;
            try {
                copy = r.read(written);
            } catch (UnreadableInvoiceException | RuntimeException e) {
                throw new ConversionException(
                        Message.of("export.unreadable", format, String.valueOf(e.getMessage())),
                        false);
            }
            List<BusinessTerms.Difference> differences = BusinessTerms.differences(source, copy);
            if (!differences.isEmpty()) {
                throw new ConversionException(
                        Message.of(
                                "export.falsified",
                                format,
                                differences.stream()
                                        .limit(10)
                                        .map(Object::toString)
                                        .reduce((a, b) -> a + "; " + b)
                                        .orElse("")),
                        false);
            }
            return;
        }
        throw new ConversionException(Message.of("export.waiting.readBack", format), true);
    }

    private Optional<Syntax> detect(Document document) {
        for (InvoiceReader r : readers.values()) {
            try {
                Optional<Syntax> s = r.detect(document);
                if (s.isPresent()) {
                    return s;
                }
            } catch (RuntimeException e) {
                // a reader that breaks on a document does not recognise it
            }
        }
        return Optional.empty();
    }

    /** The file extension of a document as received: from its name, else its media type. */
    public static String extension(Document d) {
        String name = d.fileName();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.substring(dot + 1).matches("[A-Za-z0-9]{1,5}")) {
            return name.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
        String type = d.mediaType().toLowerCase(Locale.ROOT);
        return type.contains("pdf") ? "pdf" : type.contains("xml") ? "xml" : "bin";
    }

    private static String baseName(Document d) {
        String base = d.fileName().replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        return base.isBlank() ? "invoice" : base;
    }
}
