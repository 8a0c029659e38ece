-- The customer directory of a dossier (filled from the buyers of its invoices, edited by users) and
-- the deliveries of its invoices (one row per send: a resend or a postal fallback is another row).
-- Portable SQL: runs on Derby and PostgreSQL.
CREATE TABLE customer (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  dossier_id VARCHAR(64) NOT NULL REFERENCES dossier(id),
  match_key VARCHAR(300) NOT NULL,
  name VARCHAR(300) NOT NULL,
  emails VARCHAR(1000) NOT NULL,
  language VARCHAR(2),
  address_line1 VARCHAR(300),
  address_line2 VARCHAR(300),
  city VARCHAR(200),
  post_code VARCHAR(40),
  country VARCHAR(2),
  preferred_channel VARCHAR(64),
  preferred_format VARCHAR(64),
  edited_by VARCHAR(200),
  updated_at TIMESTAMP NOT NULL,
  CONSTRAINT customer_once UNIQUE (dossier_id, match_key)
);
CREATE INDEX customer_list ON customer(dossier_id, name);
ALTER TABLE invoice ADD COLUMN customer_id VARCHAR(40);
CREATE INDEX invoice_customer ON invoice(customer_id);
CREATE TABLE delivery (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  invoice_id VARCHAR(40) NOT NULL REFERENCES invoice(id),
  dossier_id VARCHAR(64) NOT NULL,
  channel VARCHAR(64),
  state VARCHAR(20) NOT NULL,
  recipient VARCHAR(1000),
  reference VARCHAR(300),
  detail VARCHAR(2000),
  requested_by VARCHAR(200) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  attempted_at TIMESTAMP,
  correct_until TIMESTAMP,
  replaced_by VARCHAR(40)
);
CREATE INDEX delivery_invoice ON delivery(invoice_id);
CREATE INDEX delivery_reference ON delivery(reference);
CREATE INDEX delivery_window ON delivery(state, correct_until);
ALTER TABLE job ADD COLUMN ref VARCHAR(40);
