-- Export connectors (SFTP, HTTP, ...) of a dossier and their exports. The connection settings live
-- in ConfigAdmin (a factory configuration per connector); here are what it exports, its state and
-- its last connection test, with a hash of the connection settings it was made with: a connector
-- whose settings changed since its successful test needs a new one before it exports again.
-- Portable SQL: runs on Derby and PostgreSQL.
CREATE TABLE connector (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  dossier_id VARCHAR(64) NOT NULL REFERENCES dossier(id),
  capability VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  documents VARCHAR(20) NOT NULL,
  statuses VARCHAR(300) NOT NULL,
  format VARCHAR(64) NOT NULL,
  state VARCHAR(20) NOT NULL,
  activated_at TIMESTAMP,
  tested_hash VARCHAR(64),
  tested_at TIMESTAMP,
  test_success SMALLINT,
  test_message VARCHAR(2000),
  test_confirm VARCHAR(2000),
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX connector_dossier ON connector(dossier_id);
-- One export per (connector, invoice, version of the document, replay): replay is empty for the
-- connector's own exports and names the replay that asked for a copy again.
CREATE TABLE export (
  id VARCHAR(40) NOT NULL PRIMARY KEY,
  connector_id VARCHAR(40) NOT NULL,
  dossier_id VARCHAR(64) NOT NULL,
  invoice_id VARCHAR(40) NOT NULL REFERENCES invoice(id),
  version VARCHAR(64) NOT NULL,
  replay VARCHAR(40) NOT NULL,
  format VARCHAR(64),
  state VARCHAR(20) NOT NULL,
  attempts INT NOT NULL,
  detail VARCHAR(2000),
  requested_by VARCHAR(200) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  first_attempt_at TIMESTAMP,
  CONSTRAINT export_once UNIQUE (connector_id, invoice_id, version, replay)
);
CREATE INDEX export_invoice ON export(invoice_id);
CREATE INDEX export_connector ON export(connector_id, created_at);
-- Where the export offer stands in the invoice status feed (invoice_change.seq).
CREATE TABLE export_cursor (
  name VARCHAR(40) NOT NULL PRIMARY KEY,
  position BIGINT NOT NULL
);
