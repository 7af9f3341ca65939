-- Migration 1: the key/value settings table of release 18514d1 and before becomes versioned.
-- Values saved then were used for every data version, so they apply from version 0.
CREATE TABLE settings_rows (
  key        VARCHAR NOT NULL,
  value      VARCHAR NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to   INTEGER
);
INSERT INTO settings_rows (key, value, valid_from) SELECT key, value, 0 FROM settings;
DROP TABLE settings
