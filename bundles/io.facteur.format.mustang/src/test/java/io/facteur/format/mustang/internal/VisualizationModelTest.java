package io.facteur.format.mustang.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.xml.SafeXml;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VisualizationModelTest {

    @Test
    void severalPriceDiscountsOfALineBecomeTheirSum() throws Exception {
        Document model =
                model(
                        "<xr:INVOICE_LINE><xr:PRICE_DETAILS>"
                                + "<xr:Item_net_price>9.95</xr:Item_net_price>"
                                + "<xr:Item_price_discount>0.0300</xr:Item_price_discount>"
                                + "<xr:Item_price_discount>0.0200</xr:Item_price_discount>"
                                + "<xr:Item_gross_price>10.00</xr:Item_gross_price>"
                                + "</xr:PRICE_DETAILS></xr:INVOICE_LINE>");

        VisualizationModel.repair(model);

        NodeList discounts = elements(model, "Item_price_discount");
        assertThat(discounts.getLength()).isEqualTo(1);
        assertThat(discounts.item(0).getTextContent()).isEqualTo("0.0500");
        assertThat(elements(model, "Item_gross_price").getLength()).isEqualTo(1);
    }

    @Test
    void oneDiscountOrDiscountsThatAreNoNumbersAreLeftAsTheyAre() throws Exception {
        Document model =
                model(
                        "<xr:PRICE_DETAILS><xr:Item_price_discount>0.03</xr:Item_price_discount>"
                                + "</xr:PRICE_DETAILS><xr:PRICE_DETAILS>"
                                + "<xr:Item_price_discount>a</xr:Item_price_discount>"
                                + "<xr:Item_price_discount>0.02</xr:Item_price_discount>"
                                + "</xr:PRICE_DETAILS>");

        VisualizationModel.repair(model);

        NodeList discounts = elements(model, "Item_price_discount");
        assertThat(discounts.getLength()).isEqualTo(3);
        assertThat(discounts.item(0).getTextContent()).isEqualTo("0.03");
    }

    @Test
    void anAttachmentWithoutAFileNameIsNamed() throws Exception {
        Document model =
                model(
                        "<xr:Attached_document filename=\"offer.pdf\">AAAA</xr:Attached_document>"
                                + "<xr:Attached_document mime_code=\"image/png\">BBBB</xr:Attached_document>");

        VisualizationModel.repair(model);

        NodeList attachments = elements(model, "Attached_document");
        assertThat(((Element) attachments.item(0)).getAttribute("filename")).isEqualTo("offer.pdf");
        assertThat(((Element) attachments.item(1)).getAttribute("filename"))
                .isEqualTo("attachment-2");
    }

    private static Document model(String body) throws Exception {
        return SafeXml.parse(
                ("<xr:invoice xmlns:xr=\""
                                + VisualizationModel.NAMESPACE
                                + "\">"
                                + body
                                + "</xr:invoice>")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static NodeList elements(Document model, String name) {
        return model.getElementsByTagNameNS(VisualizationModel.NAMESPACE, name);
    }
}
