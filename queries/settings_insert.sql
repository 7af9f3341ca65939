-- A setting's new value, in force from version $version on. $key $value
INSERT INTO settings_rows (key, value, valid_from) VALUES ($key, $value, $version)
