-- The staging connection's own names (its macros, the view `incoming`) first, then the store's.
USE memory;
SET search_path = 'memory.main,ww_store.main'
