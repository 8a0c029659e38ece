package io.facteur.invoicing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvoicePdfTest {
    private static final String SPACE = "[\\s\u00A0\u202F]";
    private final InvoicePdf pdf = new InvoicePdf();

    @ParameterizedTest
    @ValueSource(strings = {"fr", "en", "de"})
    void writesTheLabelsAmountsAndDatesOfTheInvoiceLanguage(String language) throws IOException {
        IssuedInvoice invoice = SampleInvoices.simple(language);
        Rendered rendered = render(invoice);
        ResourceBundle labels = LayoutFormat.labels(LayoutFormat.locale(language));

        assertThat(rendered.text)
                .contains(
                        labels.getString("title.invoice"),
                        labels.getString("issueDate"),
                        labels.getString("lines.description"),
                        labels.getString("totals.taxInclusive"),
                        labels.getString("totals.payable"),
                        labels.getString("payment.iban"),
                        "F-2026-0042",
                        "Brasserie du Port SAS",
                        "Atelier Lumière SARL",
                        "ACH-2026-117",
                        "PO-88231",
                        "FR76 3000 6000 0112 3456 7890 189",
                        "RCS Paris 123 456 789",
                        "Indemnité forfaitaire",
                        "1 / 1")
                .contains(currency(language, "EUR", "1234.56"));
        String expected =
                switch (language) {
                    case "fr" -> "FACTURE.*27 novembre 2026.*1" + SPACE + "234,56" + SPACE + "€";
                    case "de" -> "RECHNUNG.*27\\. November 2026.*1\\.234,56" + SPACE + "€";
                    default -> "INVOICE.*November 27, 2026.*€1,234\\.56";
                };
        assertThat(rendered.text.replace('\n', ' ')).containsPattern(expected);
        assertThat(rendered.language).isEqualTo(language);
        assertWithinPage(rendered);
    }

    @Test
    void labelsAllLanguagesFromTheSameKeys() {
        ResourceBundle english = LayoutFormat.labels(Locale.ENGLISH);
        for (Locale locale : List.of(Locale.FRENCH, Locale.GERMAN)) {
            ResourceBundle other = LayoutFormat.labels(locale);
            assertThat(other.getLocale()).isEqualTo(locale);
            assertThat(other.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        }
        assertThat(LayoutFormat.labels(Locale.ENGLISH).getString("title.invoice"))
                .isEqualTo("INVOICE");
    }

    @Test
    void showsEverythingOfARichInvoice() throws IOException {
        IssuedInvoice invoice = SampleInvoices.rich("fr");
        Rendered rendered = render(invoice);
        assertThat(rendered.text)
                .contains(
                        "Remise fidélité",
                        "Geste commercial",
                        "Frais de livraison",
                        "Récapitulatif TVA",
                        "Exonération de TVA, article 261-4-4° a du CGI",
                        "Total des lignes HT",
                        "heure",
                        "jour",
                        "mois",
                        "pièce",
                        "Virement SEPA",
                        "Merci de votre confiance.",
                        "30 jours net, par virement")
                .contains(currency("fr", "EUR", invoice.totals().payable().toPlainString()))
                .contains(currency("fr", "EUR", invoice.totals().taxTotal().toPlainString()));
        assertThat(rendered.images).isEqualTo(1);
        assertWithinPage(rendered);
    }

    @Test
    void writesACreditNoteWithTheInvoiceItCorrects() throws IOException {
        for (String language : List.of("fr", "en", "de")) {
            IssuedInvoice note =
                    SampleInvoices.invoice(
                            language,
                            true,
                            "EUR",
                            new byte[0],
                            SampleInvoices.simple(language).draft().lines(),
                            List.of());
            Rendered rendered = render(note);
            ResourceBundle labels = LayoutFormat.labels(LayoutFormat.locale(language));
            assertThat(rendered.text)
                    .contains(
                            labels.getString("title.creditNote"),
                            labels.getString("correctedInvoice"),
                            labels.getString("totals.credited"),
                            "A-2026-0002",
                            "F-2026-0007");
            String corrected =
                    LayoutFormat.locale(language).getLanguage().equals("en")
                            ? "October 3, 2026"
                            : language.equals("fr") ? "3 octobre 2026" : "3. Oktober 2026";
            assertThat(rendered.text.replace('\n', ' ')).contains(corrected);
            assertThat(rendered.text)
                    .contains(
                            switch (language) {
                                case "fr" -> "AVOIR";
                                case "de" -> "GUTSCHRIFT";
                                default -> "CREDIT NOTE";
                            });
        }
    }

    @Test
    void writesAmountsInTheInvoiceCurrency() throws IOException {
        List<DraftLine> lines = SampleInvoices.simple("en").draft().lines();
        Rendered english =
                render(SampleInvoices.invoice("en", false, "USD", new byte[0], lines, List.of()));
        assertThat(english.text).contains("$1,234.56").doesNotContain("€1,234.56");
        Rendered french =
                render(SampleInvoices.invoice("fr", false, "CHF", new byte[0], lines, List.of()));
        assertThat(french.text.replace('\n', ' '))
                .containsPattern("1" + SPACE + "234,56" + SPACE + "CHF");
    }

    @Test
    void writesAnInvoiceWithoutLines() throws IOException {
        Rendered rendered =
                render(
                        SampleInvoices.invoice(
                                "fr", false, "EUR", new byte[0], List.of(), List.of()));
        assertThat(rendered.pages).isEqualTo(1);
        assertThat(rendered.text).contains("Désignation", "Net à payer", "1 / 1");
    }

    @Test
    void addsPagesWithTheHeaderAndPageCountAsLinesGrow() throws IOException {
        int previous = 0;
        for (int count : new int[] {10, 60, 300}) {
            Rendered rendered = render(SampleInvoices.manyLines("en", count));
            assertThat(rendered.pages).isGreaterThan(previous);
            previous = rendered.pages;
            int pages = rendered.pages;
            for (int page = 1; page <= pages; page++) {
                assertThat(rendered.text).contains("Page " + page + " / " + pages);
            }
            assertThat(count(rendered.text, "Unit price"))
                    .isEqualTo(pages + 0L - pagesAfterTable(rendered));
            assertThat(rendered.text).contains("Article n° " + count);
        }
        assertThat(previous).isGreaterThan(3);
    }

    @Test
    void laysOutFiveThousandLinesQuickly() throws IOException {
        IssuedInvoice invoice = SampleInvoices.manyLines("fr", 5000);
        pdf.render(SampleInvoices.manyLines("fr", 50));
        long start = System.nanoTime();
        byte[] bytes = pdf.render(invoice);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "InvoicePdf: 5000 lines rendered in %d ms, %d bytes%n", millis, bytes.length);
        Rendered rendered = read(bytes);
        System.out.printf("InvoicePdf: 5000 lines on %d pages%n", rendered.pages);
        assertThat(rendered.pages).isGreaterThan(100);
        assertThat(rendered.text)
                .contains(
                        "Page 1 / " + rendered.pages,
                        "Page " + rendered.pages + " / " + rendered.pages,
                        "Article n° 1\n",
                        "Article n° 5000",
                        "Net à payer");
        assertThat(millis).as("render time of 5000 lines").isLessThan(30_000);
        assertWithinPage(rendered);
    }

    @Test
    void leavesOutALogoThatCannotBeRead() throws IOException {
        byte[] png = SampleInvoices.logo();
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 3);
        for (byte[] logo :
                List.of(new byte[] {1, 2, 3, 4, 5}, truncated, "<svg/>".getBytes(), new byte[0])) {
            IssuedInvoice invoice =
                    SampleInvoices.invoice(
                            "de",
                            false,
                            "EUR",
                            logo,
                            SampleInvoices.simple("de").draft().lines(),
                            List.of());
            Rendered rendered = render(invoice);
            assertThat(rendered.images).isZero();
            assertThat(rendered.text).contains("RECHNUNG", "Zahlbetrag");
        }
        assertThat(render(SampleInvoices.simple("de")).images).isEqualTo(1);
    }

    @Test
    void wrapsOrShortensLongTextsAndReplacesWhatTheFontCannotShow() throws IOException {
        IssuedInvoice invoice = SampleInvoices.longTexts();

        Rendered rendered = render(invoice);

        assertThat(rendered.text).contains("Caf", "offert ? ??", "Paris ?", "Note ?");
        assertThat(rendered.text).doesNotContain("😀", "和");
        assertThat(rendered.pages).isGreaterThan(1);
        assertWithinPage(rendered);
    }

    @Test
    void embedsEverySubsetFontAndPreparesForPdfA() throws IOException {
        byte[] bytes = pdf.render(SampleInvoices.rich("de"));
        try (PDDocument document = Loader.loadPDF(bytes)) {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    fonts.add(font.getName());
                    assertThat(font).isInstanceOf(PDType0Font.class);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(
                                    ((PDType0Font) font)
                                            .getDescendantFont()
                                            .getFontDescriptor()
                                            .getFontFile2())
                            .isNotNull();
                }
            }
            assertThat(fonts)
                    .isNotEmpty()
                    .allMatch(name -> name.matches("[A-Z]{6}\\+SourceSansPro-(Regular|Bold)"));
            List<PDOutputIntent> intents = document.getDocumentCatalog().getOutputIntents();
            assertThat(intents).hasSize(1);
            assertThat(intents.get(0).getOutputConditionIdentifier())
                    .isEqualTo("sRGB IEC61966-2.1");
            assertThat(intents.get(0).getDestOutputIntent()).isNotNull();
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("de");
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Rechnung F-2026-0042");
            assertThat(document.getDocumentInformation().getAuthor())
                    .isEqualTo("Atelier Lumière SARL");
            assertThat(document.getPage(0).getMediaBox().getWidth())
                    .isCloseTo(595.3f, org.assertj.core.data.Offset.offset(0.5f));
        }
    }

    @Test
    void writesSamplesToLookAt() throws IOException {
        Path dir = Path.of("target", "invoice-samples");
        Files.createDirectories(dir);
        for (String language : List.of("fr", "en", "de")) {
            byte[] bytes = pdf.render(SampleInvoices.rich(language));
            Files.write(dir.resolve("invoice-" + language + ".pdf"), bytes);
        }
        Files.write(
                dir.resolve("invoice-many.pdf"), pdf.render(SampleInvoices.manyLines("en", 120)));
        Files.write(dir.resolve("invoice-long.pdf"), pdf.render(SampleInvoices.longTexts()));
        IssuedInvoice rich = SampleInvoices.rich("de");
        Files.write(
                dir.resolve("credit-note-de.pdf"),
                pdf.render(
                        SampleInvoices.invoice(
                                "de",
                                true,
                                "EUR",
                                SampleInvoices.logo(),
                                rich.draft().lines(),
                                rich.draft().adjustments())));
        assertThatCode(() -> read(Files.readAllBytes(dir.resolve("invoice-fr.pdf"))))
                .doesNotThrowAnyException();
    }

    /** PDFTextStripper turns no-break spaces into plain ones; compare both ways alike. */
    private static String spaces(String text) {
        return text.replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    private static String currency(String language, String code, String amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(LayoutFormat.locale(language));
        format.setCurrency(Currency.getInstance(code));
        return spaces(format.format(new BigDecimal(amount)));
    }

    private static long count(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }

    /** Pages that hold only what follows the table, without its header. */
    private static long pagesAfterTable(Rendered rendered) {
        return rendered.pagesWithoutTable;
    }

    private Rendered render(IssuedInvoice invoice) throws IOException {
        return read(pdf.render(invoice));
    }

    private static Rendered read(byte[] bytes) throws IOException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            List<TextPosition> positions = new ArrayList<>();
            PDFTextStripper stripper =
                    new PDFTextStripper() {
                        @Override
                        protected void processTextPosition(TextPosition text) {
                            positions.add(text);
                            super.processTextPosition(text);
                        }
                    };
            String text = spaces(stripper.getText(document));
            int images = 0;
            for (COSName name : document.getPage(0).getResources().getXObjectNames()) {
                images++;
            }
            int withoutTable = 0;
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                PDFTextStripper page = new PDFTextStripper();
                page.setStartPage(i);
                page.setEndPage(i);
                if (!page.getText(document).contains("Unit price")) {
                    withoutTable++;
                }
            }
            return new Rendered(
                    text,
                    document.getNumberOfPages(),
                    images,
                    document.getDocumentCatalog().getLanguage(),
                    positions,
                    withoutTable);
        }
    }

    /** No glyph may leave the page's margins (20 mm less a hair). */
    private static void assertWithinPage(Rendered rendered) {
        float margin = 20 * 72 / 25.4f - 1;
        for (TextPosition p : rendered.positions) {
            assertThat(p.getXDirAdj())
                    .as("x of '%s'", p.getUnicode())
                    .isGreaterThanOrEqualTo(margin);
            assertThat(p.getXDirAdj() + p.getWidthDirAdj())
                    .as(
                            "right edge of '%s' size %s at %s",
                            p.getUnicode(), p.getFontSizeInPt(), p.getYDirAdj())
                    .isLessThanOrEqualTo(595.28f - margin);
            // the footer's last line sits 14 mm above the page's lower edge
            assertThat(p.getYDirAdj())
                    .as("y of '%s'", p.getUnicode())
                    .isBetween(margin, 841.89f - 13 * 72 / 25.4f);
        }
    }

    private record Rendered(
            String text,
            int pages,
            int images,
            String language,
            List<TextPosition> positions,
            int pagesWithoutTable) {}
}
