package io.facteur.format.ubl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.OrderReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyIdentificationType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.IDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.NoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.junit.jupiter.api.Test;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeDeliveryType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeSettlementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.SupplyChainTradeTransactionType;

class EmptyElementsTest {

    @Test
    void removesEmptyOptionalElementsAndTheirEmptyListEntries() {
        InvoiceType invoice = new InvoiceType();
        invoice.setID("INV-1");
        invoice.addNote(new NoteType(" "));
        invoice.addNote(new NoteType("kept"));
        IDType schemeOnly = new IDType();
        schemeOnly.setSchemeID("0088");
        PartyIdentificationType identification = new PartyIdentificationType();
        identification.setID(schemeOnly);
        PartyType party = new PartyType();
        party.addPartyIdentification(identification);
        SupplierPartyType supplier = new SupplierPartyType();
        supplier.setParty(party);
        invoice.setAccountingSupplierParty(supplier);

        EmptyElements.remove(invoice);

        assertThat(invoice.getIDValue()).isEqualTo("INV-1");
        assertThat(invoice.getNote()).extracting(NoteType::getValue).containsExactly("kept");
        // the identification held only a scheme: it goes, and the party and supplier holding it,
        // but the invoice requires its supplier: the empty one is kept
        assertThat(invoice.getAccountingSupplierParty()).isNotNull();
        assertThat(invoice.getAccountingSupplierParty().getParty()).isNull();
    }

    @Test
    void keepsARequiredEmptyElementWhileItsParentHoldsSomethingElse() {
        InvoiceType invoice = new InvoiceType();
        OrderReferenceType withSalesOrder = new OrderReferenceType();
        withSalesOrder.setID("");
        withSalesOrder.setSalesOrderID("SO-1");
        invoice.setOrderReference(withSalesOrder);

        EmptyElements.remove(invoice);

        assertThat(invoice.getOrderReference().getID()).isNotNull();
        assertThat(invoice.getOrderReference().getSalesOrderIDValue()).isEqualTo("SO-1");
    }

    @Test
    void removesAnOptionalParentThatHoldsOnlyRequiredEmptyElements() {
        InvoiceType invoice = new InvoiceType();
        invoice.setID("INV-2");
        OrderReferenceType empty = new OrderReferenceType();
        empty.setID("");
        invoice.setOrderReference(empty);

        EmptyElements.remove(invoice);

        assertThat(invoice.getOrderReference()).isNull();
    }

    @Test
    void keepsTheHeaderDeliveryCiiRequiresEvenEmpty() {
        CrossIndustryInvoiceType cii = new CrossIndustryInvoiceType();
        SupplyChainTradeTransactionType transaction = new SupplyChainTradeTransactionType();
        transaction.setApplicableHeaderTradeDelivery(new HeaderTradeDeliveryType());
        HeaderTradeSettlementType settlement = new HeaderTradeSettlementType();
        settlement.setInvoiceCurrencyCode("EUR");
        settlement.setTaxCurrencyCode("");
        transaction.setApplicableHeaderTradeSettlement(settlement);
        cii.setSupplyChainTradeTransaction(transaction);

        EmptyElements.remove(cii);

        assertThat(cii.getSupplyChainTradeTransaction().getApplicableHeaderTradeDelivery())
                .isNotNull();
        assertThat(settlement.getInvoiceCurrencyCodeValue()).isEqualTo("EUR");
        assertThat(settlement.getTaxCurrencyCode()).isNull();
    }
}
