-- Create the small tables in the meta file (store.migrate, before use_pair again).
USE meta
