-- Timeline events keep what they say as a message key and its arguments (JSON array of strings), so
-- that each reader sees them in their language; detail keeps the English text.
ALTER TABLE invoice_event ADD COLUMN message_key VARCHAR(100);
ALTER TABLE invoice_event ADD COLUMN message_args VARCHAR(4000);
