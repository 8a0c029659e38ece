package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.Document;
import java.io.IOException;
import java.time.Instant;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

class InvoiceFilesTest {
    private static final Instant AT = Instant.parse("2026-11-27T09:15:30Z");

    private final InvoiceFiles files = new InvoiceFiles((pdf, xml) -> pdf);

    @Test
    void theSameSnapshotGivesTheSameBytes() throws Exception {
        IssuedInvoice invoice = SampleInvoices.simple("fr");
        IssuedInvoice stored = Json.read(Json.write(invoice), IssuedInvoice.class);

        Document first = files.facturX(invoice, AT);
        Document again = files.facturX(stored, AT);

        assertThat(again.content()).isEqualTo(first.content());
        assertThat(CiiInvoice.write(stored)).isEqualTo(CiiInvoice.write(invoice));
        assertThat(first.fileName()).isEqualTo("F-2026-0042.pdf");
    }

    @Test
    void thePdfCarriesTheMomentOfIssuingAndAnIdentifierOfTheNumber() throws IOException {
        IssuedInvoice invoice = SampleInvoices.simple("en");

        try (PDDocument pdf = Loader.loadPDF(files.pdf(invoice, AT))) {
            Calendar created = pdf.getDocumentInformation().getCreationDate();
            assertThat(created.toInstant()).isEqualTo(AT);
            assertThat(pdf.getDocumentInformation().getModificationDate().toInstant())
                    .isEqualTo(AT);
            assertThat(pdf.getDocument().getDocumentID().toString()).isNotEmpty();
        }
        assertThat(files.pdf(invoice, AT)).isNotEqualTo(files.pdf(invoice, AT.plusSeconds(1)));
    }

    @Test
    void aNumberWithASlashMakesAFileName() {
        assertThat(InvoiceFiles.fileName("FA/2026/001")).isEqualTo("FA-2026-001");
    }
}
