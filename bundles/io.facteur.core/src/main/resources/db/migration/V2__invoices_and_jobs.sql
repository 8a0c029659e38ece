-- Invoices of a dossier, their timeline, and the persistent job queue of the pipeline.
-- Portable SQL: runs on Derby and PostgreSQL. Documents live in the content-addressed store on disk.
CREATE TABLE invoice (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  dossier_id VARCHAR(64) NOT NULL REFERENCES dossier(id),
  sha256 CHAR(64) NOT NULL,
  file_name VARCHAR(255) NOT NULL,
  media_type VARCHAR(100) NOT NULL,
  size_bytes BIGINT NOT NULL,
  source_channel VARCHAR(64) NOT NULL,
  source_detail VARCHAR(255) NOT NULL,
  received_at TIMESTAMP NOT NULL,
  status VARCHAR(20) NOT NULL,
  reason VARCHAR(1000),
  format VARCHAR(20),
  profile VARCHAR(200),
  reader VARCHAR(64),
  number VARCHAR(200),
  type_code VARCHAR(10),
  issue_date DATE,
  due_date DATE,
  currency VARCHAR(3),
  seller_name VARCHAR(300),
  buyer_name VARCHAR(300),
  payable DECIMAL(19, 4),
  CONSTRAINT invoice_once UNIQUE (dossier_id, sha256)
);
CREATE INDEX invoice_list ON invoice(dossier_id, received_at);
CREATE TABLE invoice_event (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id VARCHAR(40) NOT NULL REFERENCES invoice(id),
  happened_at TIMESTAMP NOT NULL,
  step VARCHAR(40) NOT NULL,
  outcome VARCHAR(20) NOT NULL,
  detail VARCHAR(2000) NOT NULL
);
CREATE INDEX invoice_event_invoice ON invoice_event(invoice_id);
CREATE TABLE job (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id VARCHAR(40) NOT NULL REFERENCES invoice(id),
  step VARCHAR(40) NOT NULL,
  state VARCHAR(20) NOT NULL,
  attempts INT NOT NULL,
  run_after TIMESTAMP NOT NULL,
  lease_until TIMESTAMP,
  last_error VARCHAR(2000)
);
CREATE INDEX job_due ON job(state, run_after);
