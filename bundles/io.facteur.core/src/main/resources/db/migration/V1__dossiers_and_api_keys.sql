-- Portable SQL: runs on Derby and PostgreSQL.
CREATE TABLE dossier (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  country CHAR(2) NOT NULL,
  registration_id VARCHAR(32) NOT NULL,
  vat_number VARCHAR(32) NOT NULL,
  language VARCHAR(8) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE api_key (
  id VARCHAR(32) NOT NULL PRIMARY KEY,
  dossier_id VARCHAR(64) NOT NULL REFERENCES dossier(id),
  label VARCHAR(200) NOT NULL,
  secret_hash VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);
CREATE INDEX api_key_dossier ON api_key(dossier_id);
