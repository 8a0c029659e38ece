-- The feed of invoice status changes (io.facteur.api.InvoiceChanges): one row per change, written in
-- the transaction that changes the status, read by capabilities that react to changes (webhooks).
CREATE TABLE invoice_change (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id VARCHAR(40) NOT NULL REFERENCES invoice(id),
  status VARCHAR(20) NOT NULL,
  reason VARCHAR(1000),
  changed_at TIMESTAMP NOT NULL
);
