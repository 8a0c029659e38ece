package io.facteur.api.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.UnreadableInvoiceException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XmlChangesTest {

    private static final String UBL =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
                xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
              <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
              <cbc:ID>F-1</cbc:ID>
              <cbc:Note>Thank you</cbc:Note>
              <cbc:Note>Second note</cbc:Note>
              <cac:AccountingCustomerParty><cac:Party>
                <cac:PartyName><cbc:Name>Buyer</cbc:Name></cac:PartyName>
                <cac:Contact><cbc:Telephone>+33 1 23</cbc:Telephone></cac:Contact>
              </cac:Party></cac:AccountingCustomerParty>
              <cac:PaymentMeans><cbc:PaymentMeansCode name="Transfer">30</cbc:PaymentMeansCode></cac:PaymentMeans>
            </Invoice>
            """;

    private static List<XmlChanges.Change> changes(String after, Set<String> declared)
            throws UnreadableInvoiceException {
        return XmlChanges.outside(bytes(UBL), bytes(after), "UBL", declared);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameFileWithOtherPrefixesAndSpacesHasNoChange() throws Exception {
        String same =
                UBL.replace("cbc:", "b:")
                        .replace("xmlns:cbc=", "xmlns:b=")
                        .replace("<!--", "")
                        .replace("\n  ", "\n      ");

        assertThat(changes(same, Set.of())).isEmpty();
    }

    @Test
    void aDeclaredTermMayBeAddedOrChangedAndNothingElse() throws Exception {
        String adapted =
                UBL.replace(
                                "urn:cen.eu:en16931:2017</cbc:CustomizationID>",
                                "urn:cen.eu:en16931:2017#compliant#x</cbc:CustomizationID>"
                                        + "<cbc:ProfileID>p</cbc:ProfileID>")
                        .replace(
                                "<cbc:ID>F-1</cbc:ID>",
                                "<cbc:ID>F-1</cbc:ID><cbc:BuyerReference>991-1</cbc:BuyerReference>")
                        .replace(
                                "<cac:Party>",
                                "<cac:Party><cbc:EndpointID schemeID=\"0208\">1</cbc:EndpointID>");

        assertThat(changes(adapted, Set.of("BT-10", "BT-23", "BT-24", "BT-49"))).isEmpty();
        assertThat(changes(adapted, Set.of("BT-10", "BT-24")))
                .extracting(XmlChanges.Change::path)
                .containsExactlyInAnyOrder(
                        "/Invoice[1]/ProfileID[1]/@xmlns",
                        "/Invoice[1]/ProfileID[1]",
                        "/Invoice[1]/AccountingCustomerParty[1]/Party[1]/EndpointID[1]/@xmlns",
                        "/Invoice[1]/AccountingCustomerParty[1]/Party[1]/EndpointID[1]/@schemeID",
                        "/Invoice[1]/AccountingCustomerParty[1]/Party[1]/EndpointID[1]");
    }

    @Test
    void whatTheSemanticRecordDoesNotCarryIsComparedToo() throws Exception {
        assertThat(changes(UBL.replace("+33 1 23", "+33 9 99"), Set.of("BT-10")))
                .singleElement()
                .hasToString(
                        "/Invoice[1]/AccountingCustomerParty[1]/Party[1]/Contact[1]/Telephone[1]:"
                                + " '+33 1 23' -> '+33 9 99'");
        assertThat(changes(UBL.replace("name=\"Transfer\"", "name=\"Card\""), Set.of()))
                .extracting(XmlChanges.Change::path)
                .containsExactly("/Invoice[1]/PaymentMeans[1]/PaymentMeansCode[1]/@name");
        assertThat(changes(UBL.replace("<cbc:Note>Second note</cbc:Note>", ""), Set.of()))
                .extracting(c -> c.path() + " " + c.after().isPresent())
                .containsExactlyInAnyOrder(
                        "/Invoice[1]/Note[2]/@xmlns false", "/Invoice[1]/Note[2] false");
    }

    @Test
    void anEmptyElementMayReceiveADeclaredChildButNotText() throws Exception {
        String cii =
                """
                <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
                    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
                  <rsm:ExchangedDocumentContext/>
                </rsm:CrossIndustryInvoice>
                """;
        String guideline =
                cii.replace(
                        "<rsm:ExchangedDocumentContext/>",
                        "<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
                                + "<ram:ID>x</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>"
                                + "</rsm:ExchangedDocumentContext>");
        String text =
                cii.replace(
                        "<rsm:ExchangedDocumentContext/>",
                        "<rsm:ExchangedDocumentContext>x</rsm:ExchangedDocumentContext>");

        assertThat(XmlChanges.outside(bytes(cii), bytes(guideline), "CII", Set.of("BT-24")))
                .isEmpty();
        assertThat(XmlChanges.outside(bytes(cii), bytes(text), "CII", Set.of("BT-24")))
                .extracting(XmlChanges.Change::path)
                .containsExactly("/CrossIndustryInvoice[1]/ExchangedDocumentContext[1]");
    }

    @Test
    void anElementMovedToAnotherNamespaceIsAChange() throws Exception {
        String moved =
                UBL.replace("<cbc:ID>F-1</cbc:ID>", "<x:ID xmlns:x=\"urn:example\">F-1</x:ID>");

        assertThat(changes(moved, Set.of()))
                .extracting(XmlChanges.Change::path)
                .containsExactly("/Invoice[1]/ID[1]/@xmlns");
    }

    @Test
    void ciiPlacesCountInsideFacturXAndAnUnknownSyntaxAllowsNothing() throws Exception {
        String cii =
                """
                <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
                    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
                  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>a</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
                </rsm:CrossIndustryInvoice>
                """;
        String changed = cii.replace("<ram:ID>a</ram:ID>", "<ram:ID>b</ram:ID>");

        assertThat(XmlChanges.outside(bytes(cii), bytes(changed), "FACTUR_X", Set.of("BT-24")))
                .isEmpty();
        assertThat(XmlChanges.outside(bytes(cii), bytes(changed), "CII", Set.of("BT-10")))
                .hasSize(1);
        assertThat(XmlChanges.outside(bytes(cii), bytes(changed), "EDIFACT", Set.of("BT-24")))
                .hasSize(1);
        assertThat(XmlChanges.knows("FACTUR_X")).isTrue();
        assertThat(XmlChanges.knows("EDIFACT")).isFalse();
        assertThat(XmlChanges.terms("UBL")).contains("BT-10", "BT-23", "BT-24", "BT-49");
    }

    @Test
    void hostileXmlIsRefused() {
        String doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";

        assertThatThrownBy(() -> XmlChanges.outside(bytes(UBL), bytes(doctype), "UBL", Set.of()))
                .isInstanceOf(UnreadableInvoiceException.class);
    }
}
