package io.facteur.format.ubl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CardAccountType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMandateType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.DebtorFinancialAccountType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeSettlementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePaymentTermsType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeSettlementFinancialCardType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeSettlementPaymentMeansType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.IDType;

/**
 * Puts the payment card (BG-18) and the direct debit (BG-19) of the UBL payment means into the CII,
 * which {@code en16931-ubl2cii} 2.1.0 leaves out, bound as EN 16931-3-3 says: BT-87 and BT-88 in
 * {@code SpecifiedTradeSettlementPaymentMeans/ApplicableTradeSettlementFinancialCard} ({@code ID},
 * {@code CardholderName}), BT-91 in {@code
 * SpecifiedTradeSettlementPaymentMeans/PayerPartyDebtorFinancialAccount/IBANID}, BT-89 in {@code
 * SpecifiedTradePaymentTerms/DirectDebitMandateID}. Each UBL payment means goes into the CII
 * payment means the converter wrote for it (same position and code, else the first unused one with
 * the same code); what the converter already wrote is kept.
 */
final class CiiPaymentMeans {

    /** UNTDID 4461 codes of card payments (BG-18). */
    private static final Set<String> CARD = Set.of("48", "54", "55");

    /** UNTDID 4461 codes of direct debits (BG-19). */
    private static final Set<String> DIRECT_DEBIT = Set.of("49", "59");

    private CiiPaymentMeans() {}

    static void putBack(HeaderTradeSettlementType settlement, List<PaymentMeansType> ubl) {
        if (settlement == null || ubl == null || ubl.isEmpty()) {
            return;
        }
        List<TradeSettlementPaymentMeansType> cii =
                settlement.getSpecifiedTradeSettlementPaymentMeans();
        List<TradeSettlementPaymentMeansType> used = new ArrayList<>();
        for (int i = 0; i < ubl.size(); i++) {
            PaymentMeansType source = ubl.get(i);
            String code = code(source.getPaymentMeansCodeValue());
            TradeSettlementPaymentMeansType target = target(cii, i, code, used);
            if (target == null) {
                continue;
            }
            used.add(target);
            if (CARD.contains(code) && source.getCardAccount() != null) {
                card(target, source.getCardAccount());
            }
            if (DIRECT_DEBIT.contains(code) && source.getPaymentMandate() != null) {
                directDebit(settlement, target, source.getPaymentMandate());
            }
        }
    }

    private static TradeSettlementPaymentMeansType target(
            List<TradeSettlementPaymentMeansType> cii,
            int index,
            String code,
            List<TradeSettlementPaymentMeansType> used) {
        if (code.isEmpty()) {
            return null;
        }
        if (index < cii.size()
                && code.equals(code(cii.get(index).getTypeCodeValue()))
                && !isUsed(used, cii.get(index))) {
            return cii.get(index);
        }
        for (TradeSettlementPaymentMeansType means : cii) {
            if (code.equals(code(means.getTypeCodeValue())) && !isUsed(used, means)) {
                return means;
            }
        }
        return null;
    }

    private static boolean isUsed(
            List<TradeSettlementPaymentMeansType> used, TradeSettlementPaymentMeansType means) {
        for (TradeSettlementPaymentMeansType u : used) {
            if (u == means) {
                return true;
            }
        }
        return false;
    }

    private static void card(TradeSettlementPaymentMeansType target, CardAccountType account) {
        String number = account.getPrimaryAccountNumberIDValue();
        String holder = account.getHolderNameValue();
        TradeSettlementFinancialCardType card = target.getApplicableTradeSettlementFinancialCard();
        if (card == null) {
            if (!isText(number) && !isText(holder)) {
                return;
            }
            card = new TradeSettlementFinancialCardType();
            target.setApplicableTradeSettlementFinancialCard(card);
        }
        if (isText(number) && !isText(card.getIDValue())) {
            card.setID(number);
        }
        if (isText(holder) && !isText(card.getCardholderNameValue())) {
            card.setCardholderName(holder);
        }
    }

    private static void directDebit(
            HeaderTradeSettlementType settlement,
            TradeSettlementPaymentMeansType target,
            PaymentMandateType mandate) {
        String debited =
                mandate.getPayerFinancialAccount() == null
                        ? null
                        : mandate.getPayerFinancialAccount().getIDValue();
        if (isText(debited)) {
            DebtorFinancialAccountType account = target.getPayerPartyDebtorFinancialAccount();
            if (account == null) {
                account = new DebtorFinancialAccountType();
                target.setPayerPartyDebtorFinancialAccount(account);
            }
            if (!isText(account.getIBANIDValue())) {
                account.setIBANID(debited);
            }
        }
        String reference = mandate.getIDValue();
        if (!isText(reference)) {
            return;
        }
        for (TradePaymentTermsType terms : settlement.getSpecifiedTradePaymentTerms()) {
            for (IDType id : terms.getDirectDebitMandateID()) {
                if (reference.equals(id.getValue())) {
                    return;
                }
            }
        }
        TradePaymentTermsType terms =
                settlement.hasSpecifiedTradePaymentTermsEntries()
                        ? settlement.getSpecifiedTradePaymentTermsAtIndex(0)
                        : new TradePaymentTermsType();
        IDType id = new IDType();
        id.setValue(reference);
        terms.addDirectDebitMandateID(id);
        if (!settlement.hasSpecifiedTradePaymentTermsEntries()) {
            settlement.addSpecifiedTradePaymentTerms(terms);
        }
    }

    private static String code(String value) {
        return value == null ? "" : value.strip();
    }

    private static boolean isText(String value) {
        return value != null && !value.isBlank();
    }
}
