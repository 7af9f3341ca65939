-- How many rows the staged file holds now.
SELECT count(*) FROM raw
