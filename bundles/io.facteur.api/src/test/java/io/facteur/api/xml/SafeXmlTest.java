package io.facteur.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.UnreadableInvoiceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesAnInvoiceWithNamespaces() throws Exception {
        var doc = SafeXml.parse(bytes("<Invoice xmlns=\"urn:x\"><ID>F-1</ID></Invoice>"));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:x");
        assertThat(doc.getDocumentElement().getTextContent()).isEqualTo("F-1");
    }

    @Test
    void refusesAnExternalEntityWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        byte[] xxe =
                bytes(
                        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \""
                                + secret.toUri()
                                + "\">]><r>&x;</r>");
        assertThatThrownBy(() -> SafeXml.parse(xxe))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
        assertThat(XmlHead.read(xxe, null, "ID")).isEmpty();
    }

    @Test
    void refusesEntityExpansion() {
        StringBuilder lol =
                new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\">");
        for (int i = 1; i < 10; i++) {
            lol.append("<!ENTITY a")
                    .append(i)
                    .append(" \"&a")
                    .append(i == 1 ? "" : i - 1)
                    .append(";&a")
                    .append(i == 1 ? "" : i - 1)
                    .append(";\">");
        }
        lol.append("]><l>&a9;</l>");
        assertThatThrownBy(() -> SafeXml.parse(bytes(lol.toString())))
                .isInstanceOf(UnreadableInvoiceException.class);
    }

    @Test
    void refusesWhatIsNotXml() {
        assertThatThrownBy(() -> SafeXml.parse(bytes("%PDF-1.7 not xml")))
                .isInstanceOf(UnreadableInvoiceException.class)
                .hasMessageContaining("not well-formed");
        assertThat(XmlHead.read(bytes("%PDF-1.7"), null, "x")).isEmpty();
        assertThat(XmlHead.read(new byte[0], null, "x")).isEmpty();
    }

    @Test
    void headFindsTheRootAndTheProfileNearTheTop() {
        byte[] xml =
                bytes(
                        "\uFEFF<?xml version=\"1.0\"?><r:Root xmlns:r=\"urn:r\"><Ctx><Id>urn:profile</Id></Ctx>"
                                + "<Body/></r:Root>");
        XmlHead head = XmlHead.read(xml, "Ctx", "Id").orElseThrow();
        assertThat(head.namespace()).isEqualTo("urn:r");
        assertThat(head.localName()).isEqualTo("Root");
        assertThat(head.profile()).isEqualTo("urn:profile");
    }
}
