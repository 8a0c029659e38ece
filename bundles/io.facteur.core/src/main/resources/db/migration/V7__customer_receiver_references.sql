-- What a receiver may require that the customer directory knows: the buyer reference (BT-10, the
-- Leitweg-ID of a German public buyer) and the buyer's electronic address (BT-49, scheme:value, its
-- Peppol participant id), used by receiver adapters when the invoice lacks them.
ALTER TABLE customer ADD COLUMN buyer_reference VARCHAR(200);
ALTER TABLE customer ADD COLUMN electronic_address VARCHAR(300);
