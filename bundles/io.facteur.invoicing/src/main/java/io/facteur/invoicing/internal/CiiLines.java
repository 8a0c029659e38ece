package io.facteur.invoicing.internal;

import java.math.BigDecimal;
import javax.xml.stream.XMLStreamException;

/** Writes one CII line item (BG-25) with its price, quantity, VAT and allowance. */
final class CiiLines {

    /** UNTDID 5189 "Discount": the reason code of an allowance the user gave no reason for. */
    static final String DISCOUNT = "95";

    private CiiLines() {}

    static void line(CiiXml xml, int index, DraftLine line, BigDecimal net)
            throws XMLStreamException {
        xml.open("ram:IncludedSupplyChainTradeLineItem");
        xml.open("ram:AssociatedDocumentLineDocument");
        xml.leaf("ram:LineID", String.valueOf(index + 1));
        xml.close();
        xml.open("ram:SpecifiedTradeProduct");
        xml.leaf("ram:Name", line.description());
        xml.close();
        xml.open("ram:SpecifiedLineTradeAgreement");
        xml.open("ram:NetPriceProductTradePrice");
        xml.leaf("ram:ChargeAmount", CiiXml.price(line.unitPrice()));
        xml.close();
        xml.close();
        xml.open("ram:SpecifiedLineTradeDelivery");
        xml.leaf("ram:BilledQuantity", CiiXml.quantity(line.quantity()), "unitCode", line.unit());
        xml.close();
        xml.open("ram:SpecifiedLineTradeSettlement");
        xml.open("ram:ApplicableTradeTax");
        xml.leaf("ram:TypeCode", "VAT");
        xml.leaf("ram:CategoryCode", line.vatCategory());
        if (!"O".equals(line.vatCategory())) {
            xml.leaf("ram:RateApplicablePercent", CiiXml.rate(line.vatRate()));
        }
        xml.close();
        if (line.allowance() != null && line.allowance().signum() != 0) {
            xml.open("ram:SpecifiedTradeAllowanceCharge");
            xml.indicator(false);
            xml.leaf("ram:ActualAmount", CiiXml.amount(line.allowance()));
            reason(xml, line.allowanceReason(), false);
            xml.close();
        }
        xml.open("ram:SpecifiedTradeSettlementLineMonetarySummation");
        xml.leaf("ram:LineTotalAmount", CiiXml.amount(net));
        xml.close();
        xml.close();
        xml.close();
    }

    /**
     * BT-139/BT-140 (BT-97/BT-98 on the document): the user's reason, or the code for a discount
     * when an allowance has none, since EN 16931 wants one of them (BR-42, BR-33).
     */
    static void reason(CiiXml xml, String reason, boolean charge) throws XMLStreamException {
        if (reason.isEmpty() && !charge) {
            xml.leaf("ram:ReasonCode", DISCOUNT);
        }
        xml.optional("ram:Reason", reason);
    }
}
