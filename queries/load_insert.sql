-- Insert the incoming rows into {table} as rows of version $v.
INSERT INTO {table} ({columns}, valid_from, valid_to)
SELECT {columns}, $v, NULL FROM incoming
