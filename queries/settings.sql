-- All settings as key/value pairs.
SELECT key, value FROM settings ORDER BY key
