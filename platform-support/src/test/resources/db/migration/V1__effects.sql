-- The observable effect of the test handler: one row per applied event.
CREATE TABLE effects (id bigserial PRIMARY KEY, subject text NOT NULL, event_id text NOT NULL);
