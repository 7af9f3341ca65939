-- Close the current value of setting $key as of version $version (it is being replaced).
UPDATE settings_rows SET valid_to = $version WHERE key = $key AND valid_to IS NULL
