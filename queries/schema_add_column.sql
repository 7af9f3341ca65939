-- Add a contract column that an existing row table lacks (store.migrate). The table, the
-- column and its type are placeholders checked against the contract's allow-lists.
ALTER TABLE {table} ADD COLUMN {columns} {type}
