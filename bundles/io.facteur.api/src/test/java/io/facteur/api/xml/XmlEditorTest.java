package io.facteur.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.UnreadableInvoiceException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class XmlEditorTest {

    private static final String CBC =
            "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    private static final String UBL =
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n"
                    + "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\""
                    + " xmlns:b=\""
                    + CBC
                    + "\">\r\n"
                    + "    <!-- kept -->\r\n"
                    + "    <b:ID a='1'  >F-1</b:ID>\r\n"
                    + "    <b:Note/>\r\n"
                    + "</Invoice>\r\n";

    private static XmlEditor editor() throws UnreadableInvoiceException {
        return XmlEditor.parse(UBL.getBytes(StandardCharsets.ISO_8859_1), Locale.ENGLISH);
    }

    @Test
    void editsChangeOnlyWhatTheyTouchInTheFilesOwnEncodingPrefixAndLineBreaks() throws Exception {
        XmlEditor xml = editor();
        Element root = xml.root();

        xml.setOrAdd(root, CBC, "cbc", "CustomizationID", Set.of(), "urn:x");
        xml.setOrAdd(root, CBC, "cbc", "Note", Set.of(), "Café € & co");
        xml.insert(
                root,
                null,
                xml.element(root, CBC, "cbc", "BuyerReference", Map.of("k", "\"v\""), "991"));
        String out = new String(xml.bytes(), StandardCharsets.ISO_8859_1);

        assertThat(out)
                .isEqualTo(
                        UBL.replace(
                                        "    <b:ID",
                                        "    <b:CustomizationID>urn:x</b:CustomizationID>\r\n"
                                                + "    <b:ID")
                                .replace("<b:Note/>", "<b:Note>Café &#x20ac; &amp; co</b:Note>")
                                .replace(
                                        "</b:Note>\r\n",
                                        "</b:Note>\r\n    <b:BuyerReference k=\"&quot;v&quot;\">991"
                                                + "</b:BuyerReference>\r\n"));
    }

    @Test
    void childrenAreFoundByNamespaceAndLocalName() throws Exception {
        Element root = editor().root();

        assertThat(XmlEditor.child(root, CBC, "ID")).isNotNull();
        assertThat(XmlEditor.child(root, "urn:other", "ID")).isNull();
        assertThat(XmlEditor.firstChildNotIn(root, Set.of("ID")).getLocalName()).isEqualTo("Note");
    }

    @Test
    void tooLargeOrHostileXmlIsRefusedInTheLanguageAsked() {
        byte[] large = new byte[XmlEditor.MAX_BYTES + 1];

        assertThatThrownBy(() -> XmlEditor.parse(large, Locale.FRENCH))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageStartingWith("Le XML de la facture fait");
        assertThatThrownBy(() -> XmlEditor.parse(large, Locale.GERMAN))
                .hasMessageStartingWith("Das Rechnungs-XML hat");
        assertThatThrownBy(
                        () ->
                                XmlEditor.parse(
                                        "<!DOCTYPE x><x/>".getBytes(StandardCharsets.UTF_8),
                                        Locale.ENGLISH))
                .isInstanceOf(UnreadableInvoiceException.class);
    }
}
