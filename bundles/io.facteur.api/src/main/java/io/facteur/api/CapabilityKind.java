package io.facteur.api;

/** The extension points of Facteur; each capability serves one. */
public enum CapabilityKind {
    /** The core's own settings (dossier defaults). */
    CORE,
    /** {@link ImportChannel}. */
    IMPORT_CHANNEL,
    /** {@link InvoiceReader}. */
    INVOICE_READER,
    /** {@link InvoiceWriter}. */
    INVOICE_WRITER,
    /** {@link Validator}. */
    VALIDATOR,
    /** {@link DuplicateCheck}. */
    DUPLICATE_CHECK,
    /** {@link Archive}. */
    ARCHIVE,
    /** {@link DeliveryChannel}. */
    DELIVERY_CHANNEL,
    /** {@link ReceiverAdapter}. */
    RECEIVER_ADAPTER,
    /** {@link ExportConnector}. */
    EXPORT_CONNECTOR,
    /** {@link InvoiceRenderer}. */
    INVOICE_RENDERER
}
