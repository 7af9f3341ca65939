-- The settings in force after version $version as key/value pairs (unset ones are absent).
SELECT key, value FROM settings_at($version) ORDER BY key
