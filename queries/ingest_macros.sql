-- Text-to-type conversions used by the ingest validator on a private staging connection.
-- Each returns NULL when the text cannot be read; the validator reports those cells.

-- Trim, including no-break spaces. A cell that starts and ends with a printable ASCII
-- character (most of them) is returned as it is, without the regular expression.
CREATE OR REPLACE MACRO ww_trim(x) AS (
  CASE
    WHEN ord(x) BETWEEN 33 AND 126 AND ord(x[-1]) BETWEEN 33 AND 126 THEN x
    ELSE regexp_replace(x, '^[\s\x{00A0}\x{202F}]+|[\s\x{00A0}\x{202F}]+$', '', 'g')
  END
);

-- Trimmed text, NULL for a missing-value marker: the list `missing` is models.MISSING_MARKERS
-- (lower case), bound by the caller. No marker is longer than 16 bytes (a test checks), so a
-- longer cell is no marker, decided without lower-casing it.
CREATE OR REPLACE MACRO ww_clean(x, missing) AS (
  CASE
    WHEN strlen(ww_trim(x)) <= 16 AND list_contains(missing, lower(ww_trim(x))) THEN NULL
    ELSE ww_trim(x)
  END
);

-- A number's text without spaces, currency signs; (123) and 123- become -123.
CREATE OR REPLACE MACRO ww_numtext(x) AS (
  regexp_replace(
    regexp_replace(
      replace(
        regexp_replace(x, '[\s\x{00A0}\x{202F}'']|€|£|\$|(?i:kr\.?|eur|nok|dkk|sek)', '', 'g'),
        '−', '-'),
      '^\((.*)\)$', '-\1'),
    '^([^-].*)-$', '-\1')
);

-- Spaces inside a number only group thousands: '1 234 567' is a number, '1 2 3 4' is not.
CREATE OR REPLACE MACRO ww_grouped(x) AS (
  NOT regexp_matches(
    x, '\d[\s\x{00A0}\x{202F}'']+(\d{1,2}|\d{4,})(\D|$)|\d{4,}[\s\x{00A0}\x{202F}'']+\d'
  )
);

-- A decimal number in the file's convention: dec is ',' (1.234.567,89) or '.' (1,234,567.89).
-- Grouping must be consistent: '1.5' in a decimal-comma file is not read as 15.
CREATE OR REPLACE MACRO ww_num(x, dec) AS (
  CASE
    WHEN x IS NULL THEN NULL
    -- Plain digits with an optional decimal part, as most cells are: read at once (the same
    -- value the general branches below give, without their five regular expressions).
    WHEN dec = '.' AND regexp_full_match(x, '[+-]?\d+(\.\d+)?')
      THEN try_cast(x AS DECIMAL(38, 8))
    WHEN dec = ',' AND regexp_full_match(x, '[+-]?\d+(,\d+)?')
      THEN try_cast(replace(x, ',', '.') AS DECIMAL(38, 8))
    -- Spaces inside a number only group thousands ('1 2 3 4' is no number).
    WHEN NOT ww_grouped(x) THEN NULL
    WHEN dec = ',' AND regexp_matches(ww_numtext(x), '^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?([eE][+-]?\d+)?$')
      THEN try_cast(replace(replace(ww_numtext(x), '.', ''), ',', '.') AS DECIMAL(38, 8))
    WHEN dec = '.' AND regexp_matches(ww_numtext(x), '^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][+-]?\d+)?$')
      THEN try_cast(replace(ww_numtext(x), ',', '') AS DECIMAL(38, 8))
    ELSE NULL
  END
);

-- The same number as a measurement (DOUBLE): not rounded to 8 places (1.23e-10 stays), not
-- limited to 10^30 (1e35 is read); beyond a DOUBLE (1e309) is no value.
CREATE OR REPLACE MACRO ww_real_any(x, dec) AS (
  CASE
    WHEN x IS NULL OR NOT ww_grouped(x) THEN NULL
    WHEN dec = ',' AND regexp_matches(ww_numtext(x), '^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?([eE][+-]?\d+)?$')
      THEN try_cast(replace(replace(ww_numtext(x), '.', ''), ',', '.') AS DOUBLE)
    WHEN dec = '.' AND regexp_matches(ww_numtext(x), '^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?([eE][+-]?\d+)?$')
      THEN try_cast(replace(ww_numtext(x), ',', '') AS DOUBLE)
    ELSE NULL
  END
);

CREATE OR REPLACE MACRO ww_real(x, dec) AS (
  CASE
    -- Plain digits with an optional decimal part, as most cells are: read at once (the value
    -- ww_real_any gives them, without its regular expressions).
    WHEN dec = '.' AND regexp_full_match(x, '[+-]?\d+(\.\d+)?')
      THEN CASE WHEN isfinite(try_cast(x AS DOUBLE)) THEN try_cast(x AS DOUBLE) END
    WHEN dec = ',' AND regexp_full_match(x, '[+-]?\d+(,\d+)?')
      THEN CASE
        WHEN isfinite(try_cast(replace(x, ',', '.') AS DOUBLE))
          THEN try_cast(replace(x, ',', '.') AS DOUBLE)
      END
    WHEN isfinite(ww_real_any(x, dec)) THEN ww_real_any(x, dec)
  END
);

-- A whole number, plain digits only (years).
CREATE OR REPLACE MACRO ww_int(x) AS (
  CASE WHEN regexp_matches(x, '^[+-]?\d{1,9}$') THEN try_cast(x AS BIGINT) END
);

-- European dates: ISO, day-first with '-', '.', '/'; a time part after an ISO date is allowed.
CREATE OR REPLACE MACRO ww_date(x) AS (
  coalesce(
    try_strptime(x, '%Y-%m-%d'),
    try_strptime(x, '%d-%m-%Y'),
    try_strptime(x, '%d.%m.%Y'),
    try_strptime(x, '%d/%m/%Y'),
    try_strptime(x, '%Y-%m-%d %H:%M:%S'),
    try_strptime(x, '%Y-%m-%dT%H:%M:%S')
  )::DATE
);

CREATE OR REPLACE MACRO ww_bool(x, yes, no) AS (
  CASE
    WHEN list_contains(yes, lower(x)) THEN true
    WHEN list_contains(no, lower(x)) THEN false
  END
);

-- A period in normal form: '2025', '2025-Q3', '2025-05', '2025-03-01', or a split
-- financial year '2021/22' (written 2021/22, 2021-22, 2021/2022, 2021-2022, 202122 as
-- StatsWales does, FY21-22, FY2021/22). `fy`: the column writes financial years, so
-- '2011-12' is 2011/12, not December 2011 (the validator decides it once per column).
-- try_cast: DuckDB folds a constant argument (--set period=2025) through every CASE branch.
CREATE OR REPLACE MACRO ww_fy(y, z) AS (
  CASE WHEN (try_cast(y AS INTEGER) + 1) % 100 = try_cast(z AS INTEGER) % 100
    THEN y || '/' || lpad(((try_cast(y AS INTEGER) + 1) % 100)::VARCHAR, 2, '0') END
);
-- A financial year written with a separator ('-' or '/'), with or without 'FY', the first
-- year in four digits or (after FY) in two: its normal form, or NULL.
CREATE OR REPLACE MACRO ww_fy_text(x, fy) AS (
  CASE
    WHEN regexp_matches(upper(x), '^FY\s*\d{2}\s*[-/]\s*\d{2}$')
      THEN ww_fy('20' || regexp_extract(x, '(\d{2})\s*[-/]', 1), regexp_extract(x, '(\d+)$', 1))
    WHEN regexp_matches(upper(x), '^(FY\s*)?\d{4}\s*[-/]\s*\d{4}$')
      OR (regexp_matches(upper(x), '^(FY\s*)?\d{4}\s*[-/]\s*\d{2}$')
        AND (fy OR upper(x) LIKE 'FY%' OR NOT regexp_matches(x, '[-/]\s*(0[1-9]|1[0-2])$')))
      THEN ww_fy(regexp_extract(x, '(\d{4})\s*[-/]', 1), regexp_extract(x, '(\d+)$', 1))
  END
);
CREATE OR REPLACE MACRO ww_period(x, fy) AS (
  CASE
    WHEN regexp_matches(x, '^\d{4}$') THEN x
    -- A month where the column writes no financial years: what the branches below give for
    -- it, without the financial-year expressions.
    WHEN NOT fy AND regexp_matches(x, '^\d{4}-(0[1-9]|1[0-2])$') THEN x
    WHEN regexp_matches(x, '^\d{6}$') AND ww_fy(left(x, 4), right(x, 2)) IS NOT NULL
      THEN ww_fy(left(x, 4), right(x, 2))
    WHEN ww_fy_text(x, fy) IS NOT NULL THEN ww_fy_text(x, fy)
    WHEN regexp_matches(x, '^\d{4}[-/](0[1-9]|1[0-2])$') THEN left(x, 4) || '-' || right(x, 2)
    WHEN regexp_matches(upper(x), '^\d{4}\s*[-/ ]?\s*[QK]\s*[1-4]$')
      THEN left(x, 4) || '-Q' || right(x, 1)
    WHEN regexp_matches(upper(x), '^[QK][1-4]\s*[-/ ]\s*\d{4}$')
      THEN right(x, 4) || '-Q' || substr(upper(x), 2, 1)
    WHEN regexp_matches(x, '^(0?[1-9]|1[0-2])[-/.]\d{4}$')
      THEN right(x, 4) || '-' || lpad(regexp_extract(x, '^(\d+)', 1), 2, '0')
    WHEN ww_date(x) IS NOT NULL THEN strftime(ww_date(x), '%Y-%m-%d')
  END
);

-- First and last day of a period; a financial year starts on the first of month `fy_month`.
CREATE OR REPLACE MACRO ww_period_start(p, fy_month) AS (
  CASE
    WHEN p IS NULL THEN NULL
    WHEN length(p) = 4 THEN make_date(p::INTEGER, 1, 1)
    WHEN p LIKE '____-Q_' THEN make_date(left(p, 4)::INTEGER, (right(p, 1)::INTEGER - 1) * 3 + 1, 1)
    WHEN p LIKE '____/__' THEN make_date(left(p, 4)::INTEGER, fy_month, 1)
    WHEN length(p) = 7 THEN make_date(left(p, 4)::INTEGER, right(p, 2)::INTEGER, 1)
    ELSE p::DATE
  END
);

CREATE OR REPLACE MACRO ww_period_end(p, fy_month) AS (
  CASE
    WHEN p IS NULL THEN NULL
    WHEN length(p) = 4 THEN make_date(p::INTEGER, 12, 31)
    WHEN p LIKE '____-Q_' THEN last_day(ww_period_start(p, fy_month) + INTERVAL 2 MONTH)
    WHEN p LIKE '____/__' THEN (ww_period_start(p, fy_month) + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE
    WHEN length(p) = 7 THEN last_day(ww_period_start(p, fy_month))
    ELSE p::DATE
  END
);

CREATE OR REPLACE MACRO ww_currency(x, known) AS (
  CASE
    WHEN x = '€' THEN 'EUR'
    WHEN x = '£' THEN 'GBP'
    WHEN list_contains(known, upper(x)) THEN upper(x)
  END
);
