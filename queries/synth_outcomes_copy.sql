-- Write the synthetic outcomes (see synth_macros) as a comma-separated UTF-8 file.
-- $rows: how many rows; $seed: the generator's seed; $places: the municipalities' names
-- (the first is the home municipality); $indicators: the indicators' names; $path: the file.
COPY (SELECT * FROM synth_outcomes($rows, $seed, $places, $indicators))
TO $path (FORMAT csv, HEADER true, DELIMITER ',');
