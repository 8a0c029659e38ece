package io.facteur.delivery.postal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.DeliveryChannel.Delivery;
import io.facteur.api.invoice.PostalAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The recipient's address lands inside the envelope's window, readable, whatever it says. */
class AddressSheetTest {

    static final String PDF = "pdf/EN16931_Einfach.pdf";

    static List<AddressWindow> windows() {
        return List.of(
                AddressWindow.LEFT_DIN_5008_B,
                AddressWindow.LEFT_DIN_5008_A,
                AddressWindow.RIGHT_FR_DL,
                new AddressWindow("CUSTOM", 30, 60, 90, 40, 10));
    }

    @ParameterizedTest
    @MethodSource("windows")
    void theRecipientIsInsideTheWindowAndNowhereElse(AddressWindow window) throws Exception {
        byte[] pdf = print(Deliveries.berlin(Corpus.pdf(PDF)), window);
        sample(window.name(), pdf);

        String inside = TestPdfs.addressZone(pdf, window);
        assertThat(lines(inside))
                .containsExactly(
                        "Jürgen Weiß",
                        "Große Straße 5",
                        "Hinterhaus",
                        "10115 Berlin",
                        "DEUTSCHLAND");
        String returnLine =
                TestPdfs.textIn(
                        pdf,
                        window.leftMm(),
                        window.topMm(),
                        window.widthMm(),
                        window.addressOffsetMm());
        assertThat(lines(returnLine))
                .containsExactly(
                        "Atelier Léa Dupré · 12 rue de la Paix · 75002 Paris · FRANKREICH");

        String page = TestPdfs.firstPage(pdf);
        assertThat(page.split("Jürgen Weiß", -1)).hasSize(2);
        String outside =
                window.onTheLeft()
                        ? TestPdfs.textIn(
                                pdf,
                                window.leftMm() + window.widthMm(),
                                window.topMm(),
                                210 - window.leftMm() - window.widthMm(),
                                window.heightMm())
                        : TestPdfs.textIn(
                                pdf, 0, window.topMm(), window.leftMm(), window.heightMm());
        assertThat(outside).doesNotContain("Jürgen", "Große", "10115");
    }

    @Test
    void accentsComeOutAsWritten() throws Exception {
        PostalAddress address =
                new PostalAddress(
                        "Ölmühlenweg 7", "Bâtiment É, côté cour", "Überlingen", "88662", "DE");
        byte[] pdf =
                print(
                        Deliveries.to("Renée Strauß-Ümit", address, "fr"),
                        AddressWindow.LEFT_DIN_5008_B);

        assertThat(lines(TestPdfs.addressZone(pdf, AddressWindow.LEFT_DIN_5008_B)))
                .containsExactly(
                        "Renée Strauß-Ümit",
                        "Ölmühlenweg 7",
                        "Bâtiment É, côté cour",
                        "88662 Überlingen",
                        "ALLEMAGNE");
        String page = TestPdfs.firstPage(pdf);
        assertThat(page)
                .contains(
                        "Facture F-2026-0042", "Madame, Monsieur,", "Échéance", "20 décembre 2026");
    }

    @Test
    void aLetterWithinOneCountryHasNoCountryLine() throws Exception {
        byte[] pdf =
                print(
                        Deliveries.to("Claire Martin", Deliveries.LYON, "fr"),
                        AddressWindow.RIGHT_FR_DL);
        sample("fr-domestic", pdf);

        assertThat(lines(TestPdfs.addressZone(pdf, AddressWindow.RIGHT_FR_DL)))
                .containsExactly("Claire Martin", "3 place Bellecour", "69002 Lyon");
        assertThat(lines(TestPdfs.window(pdf, AddressWindow.RIGHT_FR_DL)).get(0))
                .isEqualTo("Atelier Léa Dupré · 12 rue de la Paix · 75002 Paris");
    }

    @Test
    void theCoverIsWrittenInTheDeliverysLanguage() throws Exception {
        String de = TestPdfs.firstPage(print(Deliveries.berlin(), AddressWindow.LEFT_DIN_5008_B));
        assertThat(de)
                .contains(
                        "Rechnung F-2026-0042",
                        "Sehr geehrte Damen und Herren,",
                        "1.234,50 €",
                        "Mit freundlichen Grüßen");
        String en =
                TestPdfs.firstPage(
                        print(
                                Deliveries.to("Jane Doe", Deliveries.BERLIN, "en"),
                                AddressWindow.LEFT_DIN_5008_B));
        assertThat(en)
                .contains("Invoice F-2026-0042", "Dear Sir or Madam,", "€1,234.50", "GERMANY");
    }

    @Test
    void hostileTextIsCleanedAndKeptInsideTheWindow() throws Exception {
        String huge = "Straße ".repeat(1500);
        PostalAddress address =
                new PostalAddress(
                        "Evil\r\nStreet 1\u0000\u0007",
                        huge,
                        "\u202Egro.live\u202C Berlin\u200B",
                        "10115\n",
                        " de ");
        String name = "Mallory\r\nInjected Line\u202E\u2066 " + "W".repeat(10_000);
        AddressWindow window = AddressWindow.LEFT_DIN_5008_B;
        byte[] pdf = print(Deliveries.to(name, address, "de"), window);
        sample("hostile", pdf);

        List<String> lines = lines(TestPdfs.addressZone(pdf, window));
        assertThat(lines).hasSizeLessThanOrEqualTo(AddressSheet.MAX_ADDRESS_LINES);
        assertThat(lines.get(0)).isEqualTo("Mallory Injected Line");
        assertThat(lines.get(1)).startsWith("WWW").endsWith(LetterFont.ELLIPSIS);
        assertThat(lines).contains("Evil Street 1", "10115 gro.live Berlin");
        assertThat(lines.get(3)).startsWith("Straße Straße").endsWith(LetterFont.ELLIPSIS);
        String all = String.join("\n", lines);
        assertThat(all)
                .doesNotContain("\u202E", "\u202C", "\u2066", "\u200B", "\u0000", "\u0007", "\r");
        String right =
                TestPdfs.textIn(
                        pdf,
                        window.leftMm() + window.widthMm(),
                        window.addressTopMm(),
                        200 - window.leftMm() - window.widthMm() - 1,
                        40);
        assertThat(right).doesNotContain("WWW", "Straße");
        assertThat(Files.size(sample("hostile-size", pdf))).isLessThan(200_000);
    }

    @Test
    void characterTheFontLacksBecomeTheirBaseLetterOrAQuestionMark() throws Exception {
        PostalAddress address = new PostalAddress("ul. Łódzka 3 ✉", "", "Kraków", "30-001", "PL");
        byte[] pdf = print(Deliveries.to("Zoë 東京", address, "en"), AddressWindow.LEFT_DIN_5008_B);

        assertThat(lines(TestPdfs.addressZone(pdf, AddressWindow.LEFT_DIN_5008_B)))
                .containsExactly("Zoë ??", "ul. Łódzka 3 ?", "30-001 Kraków", "POLAND");
    }

    private static byte[] print(Delivery delivery, AddressWindow window) throws Exception {
        return PrintFile.of(
                        delivery,
                        new PrintSetup(Path.of("/unused"), window, true, false, false, 20, 1 << 24),
                        Setups.CLOCK)
                .pdf();
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R"))
                .map(s -> s.replace('\u00a0', ' ').replace('\u202f', ' ').strip())
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Keeps the file under target/ for a look (pdftoppm). */
    private static Path sample(String name, byte[] pdf) throws Exception {
        Path dir = Path.of("target", "samples");
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name + ".pdf"), pdf);
    }
}
