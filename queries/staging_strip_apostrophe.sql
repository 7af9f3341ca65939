-- Excel's text apostrophe: '00120 in {cell} is the code 00120 (only before a digit, so that
-- 's-Gravenhage keeps its apostrophe).
UPDATE raw SET {cell} = regexp_replace({cell}, '^(\s*)''(\d)', '\1\2')
WHERE contains({cell}, '''') AND regexp_matches({cell}, '^\s*''\d')
