package io.facteur.delivery.postal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.DeliveryChannel.Receipt;
import io.facteur.api.DeliveryChannel.Recipient;
import io.facteur.api.DeliveryChannel.Status;
import io.facteur.api.DeliveryException;
import io.facteur.api.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A delivery goes to the drop folder as a print-ready PDF and its manifest, once. */
class PostalChannelTest {

    @TempDir Path folder;

    static List<String> invoices() {
        return Corpus.invoicePdfs();
    }

    @ParameterizedTest
    @MethodSource("invoices")
    void thePrintFileIsTheAddressSheetThenEveryInvoicePage(String pdf) throws Exception {
        Receipt receipt =
                Setups.channel(Setups.din(folder)).send(Deliveries.berlin(Corpus.pdf(pdf)));

        int invoicePages;
        try (PDDocument original = Loader.loadPDF(Corpus.bytes(pdf))) {
            invoicePages = original.getNumberOfPages();
        }
        try (PDDocument print = Loader.loadPDF(folder.resolve("dlv-0001.pdf").toFile())) {
            assertThat(print.getNumberOfPages()).isEqualTo(1 + invoicePages);
        }
        JsonNode manifest = manifest("dlv-0001");
        assertThat(manifest.get("pages").asInt()).isEqualTo(1 + invoicePages);
        assertThat(manifest.get("invoicePages").asInt()).isEqualTo(invoicePages);
        assertThat(manifest.get("sheets").asInt()).isEqualTo(1 + invoicePages);
        assertThat(receipt.status()).isEqualTo(Status.POSTED);
        assertThat(receipt.reference()).isEqualTo("dlv-0001");
        assertThat(receipt.detail()).isEqualTo("10115 Berlin, DE");
    }

    @Test
    void thePostReachesOnlyACompletePostalAddress() {
        PostalChannel post = Setups.channel(Setups.din(folder));
        io.facteur.api.invoice.PostalAddress full =
                new io.facteur.api.invoice.PostalAddress(
                        "Unter den Linden 1", "", "Berlin", "10117", "DE");
        assertThat(post.reaches(new Recipient("Kunde GmbH", List.of(), full))).isTrue();
        assertThat(post.reaches(new Recipient("Kunde GmbH", List.of("a@b.example"), null)))
                .isFalse();
        assertThat(
                        post.reaches(
                                new Recipient(
                                        "Kunde GmbH",
                                        List.of(),
                                        new io.facteur.api.invoice.PostalAddress(
                                                "Unter den Linden 1", "", "Berlin", " ", "DE"))))
                .isFalse();
    }

    @Test
    void onBothSidesTheAddressSheetGetsABlankBack() throws Exception {
        PrintSetup setup = Setups.setup(folder, AddressWindow.LEFT_DIN_5008_B, true);
        Setups.channel(setup).send(Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf")));

        try (PDDocument print = Loader.loadPDF(folder.resolve("dlv-0001.pdf").toFile())) {
            assertThat(print.getNumberOfPages()).isEqualTo(4);
            assertThat(print.getPage(1).getContents().readAllBytes()).isEmpty();
        }
        JsonNode manifest = manifest("dlv-0001");
        assertThat(manifest.get("pages").asInt()).isEqualTo(4);
        assertThat(manifest.get("sheets").asInt()).isEqualTo(2);
        assertThat(manifest.get("duplex").asBoolean()).isTrue();
    }

    @Test
    void theManifestDescribesTheJobAndItsPdf() throws Exception {
        Setups.channel(Setups.din(folder))
                .send(Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf")));

        byte[] pdf = Files.readAllBytes(folder.resolve("dlv-0001.pdf"));
        JsonNode manifest = manifest("dlv-0001");
        assertThat(manifest.get("format").asText()).isEqualTo(PostalChannel.MANIFEST_FORMAT);
        assertThat(manifest.get("jobId").asText()).isEqualTo("dlv-0001");
        assertThat(manifest.get("deliveryId").asText()).isEqualTo("dlv-0001");
        assertThat(manifest.get("dossier").asText()).isEqualTo("acme");
        assertThat(manifest.get("invoiceId").asText()).isEqualTo("inv-42");
        assertThat(manifest.get("invoiceNumber").asText()).isEqualTo("F-2026-0042");
        JsonNode to = manifest.get("recipient");
        assertThat(to.get("name").asText()).isEqualTo("Jürgen Weiß");
        assertThat(to.get("line1").asText()).isEqualTo("Große Straße 5");
        assertThat(to.get("line2").asText()).isEqualTo("Hinterhaus");
        assertThat(to.get("postCode").asText()).isEqualTo("10115");
        assertThat(to.get("city").asText()).isEqualTo("Berlin");
        assertThat(to.get("countryCode").asText()).isEqualTo("DE");
        assertThat(to.get("printedLines"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "Jürgen Weiß",
                        "Große Straße 5",
                        "Hinterhaus",
                        "10115 Berlin",
                        "DEUTSCHLAND");
        assertThat(manifest.get("pdf").get("file").asText()).isEqualTo("dlv-0001.pdf");
        assertThat(manifest.get("pdf").get("bytes").asLong()).isEqualTo(pdf.length);
        assertThat(manifest.get("pdf").get("sha256").asText()).isEqualTo(sha256(pdf));
        assertThat(manifest.get("duplex").asBoolean()).isFalse();
        assertThat(manifest.get("colour").asBoolean()).isFalse();
        assertThat(manifest.get("window").asText()).isEqualTo("LEFT_DIN_5008_B");
        assertThat(manifest.get("created").asText()).isEqualTo("2026-11-28T09:30:00Z");
        assertThat(files()).containsExactly("dlv-0001.json", "dlv-0001.pdf");
    }

    @Test
    void aSecondSendOfTheSameDeliveryWritesNothing() throws Exception {
        PostalChannel channel = Setups.channel(Setups.din(folder));
        Delivery delivery = Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf"));
        channel.send(delivery);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(folder.resolve("dlv-0001.pdf"), old);
        Files.setLastModifiedTime(folder.resolve("dlv-0001.json"), old);
        byte[] manifest = Files.readAllBytes(folder.resolve("dlv-0001.json"));

        Receipt again = channel.send(delivery);

        assertThat(again.status()).isEqualTo(Status.POSTED);
        assertThat(again.reference()).isEqualTo("dlv-0001");
        assertThat(Files.getLastModifiedTime(folder.resolve("dlv-0001.pdf"))).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(folder.resolve("dlv-0001.json"))).isEqualTo(old);
        assertThat(Files.readAllBytes(folder.resolve("dlv-0001.json"))).isEqualTo(manifest);
        assertThat(files()).containsExactly("dlv-0001.json", "dlv-0001.pdf");
    }

    @Test
    void anotherJobUnderTheSameIdIsRefusedForGood() throws Exception {
        PostalChannel channel = Setups.channel(Setups.din(folder));
        channel.send(Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf")));
        byte[] pdf = Files.readAllBytes(folder.resolve("dlv-0001.pdf"));

        assertThatThrownBy(
                        () ->
                                channel.send(
                                        Deliveries.berlin(Corpus.pdf("pdf/zugferd_invoice.pdf"))))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("dlv-0001");
        assertThat(Files.readAllBytes(folder.resolve("dlv-0001.pdf"))).isEqualTo(pdf);
    }

    @Test
    void aPdfWithoutManifestFromACrashIsReplaced() throws Exception {
        Files.writeString(folder.resolve("dlv-0001.pdf"), "half a job");

        Setups.channel(Setups.din(folder))
                .send(Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf")));

        byte[] pdf = Files.readAllBytes(folder.resolve("dlv-0001.pdf"));
        assertThat(manifest("dlv-0001").get("pdf").get("sha256").asText()).isEqualTo(sha256(pdf));
    }

    @Test
    void theDropFolderIsCreatedWhenMissing() throws Exception {
        Path deeper = folder.resolve("print").resolve("outbox");
        Setups.channel(Setups.din(deeper))
                .send(Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf")));
        assertThat(deeper.resolve("dlv-0001.json")).exists();
    }

    @Test
    void aDropFolderThatCannotBeWrittenIsATransientFailure() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        PostalChannel channel = Setups.channel(Setups.din(file.resolve("outbox")));

        assertThatThrownBy(
                        () ->
                                channel.send(
                                        Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf"))))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("print drop");
    }

    @Test
    void anXmlOnlyDeliveryHasNothingToPrint() {
        Document xml =
                new Document(
                        "invoice.xml",
                        "application/xml",
                        Corpus.bytes("cii/01.01a-INVOICE_uncefact.xml"));

        assertPermanent(Deliveries.berlin(xml), "no printable PDF");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void anXmlInvoiceIsPrintedFromItsPdfRendering() throws Exception {
        Document xml =
                new Document(
                        "invoice.xml", "application/xml", "<x/>".getBytes(StandardCharsets.UTF_8));
        Document rendering =
                new Document(
                        "rendering",
                        "application/octet-stream",
                        Corpus.bytes("pdf/zugferd_invoice.pdf"));

        Setups.channel(Setups.din(folder)).send(Deliveries.berlin(xml, rendering));

        assertThat(manifest("dlv-0001").get("pages").asInt()).isEqualTo(2);
    }

    @Test
    void aBrokenPdfIsAPermanentFailure() {
        assertPermanent(
                Deliveries.berlin(Corpus.pdf("bad/corrupt-factur-x-waytoosmall.pdf")), "cut short");
        assertThat(folder).isEmptyDirectory();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "bad/MustangGnuaccountingBeispielRE-20201121_508blanko.pdf",
                "bad/XMLinvalidV2PDF.pdf",
                "bad/veraPDFtestsuite6-7-11-t01-fail-a.pdf"
            })
    void aReadablePdfPrintsWhateverItsInvoiceDataSays(String pdf) throws Exception {
        Receipt receipt =
                Setups.channel(Setups.din(folder)).send(Deliveries.berlin(Corpus.pdf(pdf)));
        assertThat(receipt.status()).isEqualTo(Status.POSTED);
        assertThat(manifest("dlv-0001").get("pages").asInt()).isEqualTo(2);
    }

    @Test
    void aTruncatedPdfIsAPermanentFailure() throws Exception {
        byte[] whole = Corpus.bytes("pdf/EN16931_1_Teilrechnung.pdf");
        for (int percent = 5; percent < 100; percent += 5) {
            byte[] part = java.util.Arrays.copyOf(whole, whole.length * percent / 100);
            assertPermanent(
                    Deliveries.berlin(new Document("cut.pdf", "application/pdf", part)),
                    "cut short");
        }
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void aPdfThatCannotBeParsedIsAPermanentFailure() throws Exception {
        byte[] garbage =
                ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n"
                                + "trailer << /Root 1 0 R >>\n%%EOF\n")
                        .getBytes(StandardCharsets.US_ASCII);
        assertPermanent(
                Deliveries.berlin(new Document("g.pdf", "application/pdf", garbage)),
                "The invoice PDF");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void aBlankPageIsAPermanentFailure() throws Exception {
        byte[] blank;
        try (PDDocument document = new PDDocument()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            blank = out.toByteArray();
        }
        assertPermanent(
                Deliveries.berlin(new Document("b.pdf", "application/pdf", blank)),
                "Page 1 of the invoice PDF has no content");
    }

    @Test
    void anEncryptedPdfIsAPermanentFailure() throws Exception {
        for (String userPassword : new String[] {"secret", ""}) {
            byte[] encrypted =
                    TestPdfs.encrypted(Corpus.bytes("pdf/zugferd_invoice.pdf"), userPassword);
            assertPermanent(
                    Deliveries.berlin(new Document("e.pdf", "application/pdf", encrypted)),
                    "encrypted");
        }
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void tooManyPagesOrBytesArePermanentFailures() {
        PrintSetup onePage =
                new PrintSetup(
                        folder, AddressWindow.LEFT_DIN_5008_B, true, false, false, 2, 1 << 20);
        assertThatThrownBy(
                        () ->
                                new PostalChannel(onePage, Setups.CLOCK)
                                        .send(
                                                Deliveries.berlin(
                                                        Corpus.pdf(
                                                                "pdf/EN16931_1_Teilrechnung.pdf"))))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("3 pages; at most 2");
        PrintSetup small =
                new PrintSetup(
                        folder, AddressWindow.LEFT_DIN_5008_B, true, false, false, 20, 50_000);
        assertThatThrownBy(
                        () ->
                                new PostalChannel(small, Setups.CLOCK)
                                        .send(
                                                Deliveries.berlin(
                                                        Corpus.pdf("pdf/zugferd_invoice.pdf"))))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("at most 50,000");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void aDeliveryIdThatCannotNameAFileIsRefused() {
        for (String id :
                new String[] {"../etc/passwd", "a/b", "a..b", ".hidden", "x".repeat(200), "é"}) {
            Delivery delivery =
                    Deliveries.delivery(
                            id,
                            "Jürgen Weiß",
                            Deliveries.BERLIN,
                            "de",
                            Corpus.pdf("pdf/zugferd_invoice.pdf"));
            assertPermanent(delivery, "cannot name a print job");
        }
        assertThat(folder).isEmptyDirectory();
        assertThat(folder.getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void noPostalAddressIsAPermanentFailure() {
        Delivery none =
                new Delivery(
                        "dlv-0002",
                        "acme",
                        "inv-42",
                        Deliveries.invoice("F-1", "380", null),
                        List.of(Corpus.pdf("pdf/zugferd_invoice.pdf")),
                        new io.facteur.api.DeliveryChannel.Recipient(
                                "Jürgen Weiß", List.of(), null),
                        "de",
                        "Atelier",
                        null);
        assertPermanent(none, "no postal address");
    }

    @Test
    void anIncompleteAddressSaysWhatIsMissing() {
        var address = new io.facteur.api.invoice.PostalAddress(" \r\n", "", "", null, "DE");
        assertPermanent(
                Deliveries.to("Jürgen Weiß", address, "de", Corpus.pdf("pdf/zugferd_invoice.pdf")),
                "incomplete: the street address (line 1), the post code, the city missing");
        var noCountry =
                new io.facteur.api.invoice.PostalAddress(
                        "Große Straße 5", "", "Berlin", "10115", "");
        assertPermanent(
                Deliveries.to(
                        "Jürgen Weiß", noCountry, "de", Corpus.pdf("pdf/zugferd_invoice.pdf")),
                "the country missing");
        var unknown =
                new io.facteur.api.invoice.PostalAddress(
                        "Große Straße 5", "", "Berlin", "10115", "XX");
        assertPermanent(
                Deliveries.to("Jürgen Weiß", unknown, "de", Corpus.pdf("pdf/zugferd_invoice.pdf")),
                "\"XX\" is not an ISO 3166 country");
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void theSameDeliveryGivesTheSameBytes() throws Exception {
        Delivery delivery = Deliveries.berlin(Corpus.pdf("pdf/EN16931_Einfach.pdf"));
        PrintFile first = PrintFile.of(delivery, Setups.din(folder), Setups.CLOCK);
        PrintFile second = PrintFile.of(delivery, Setups.din(folder), Setups.CLOCK);
        assertThat(second.sha256()).isEqualTo(first.sha256());
    }

    private void assertPermanent(Delivery delivery, String reason) {
        assertThatThrownBy(() -> Setups.channel(Setups.din(folder)).send(delivery))
                .isInstanceOfSatisfying(
                        DeliveryException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining(reason);
    }

    private JsonNode manifest(String id) throws IOException {
        return new ObjectMapper().readTree(folder.resolve(id + ".json").toFile());
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
