-- Save one setting. $key $value
INSERT OR REPLACE INTO settings (key, value) VALUES ($key, $value)
