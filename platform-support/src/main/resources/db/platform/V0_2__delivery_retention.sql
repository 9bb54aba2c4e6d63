-- The retention purge finds published outbox rows and old inbox ids by time (DeliveryRetention).
CREATE INDEX outbox_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX inbox_processed ON inbox (processed_at);
