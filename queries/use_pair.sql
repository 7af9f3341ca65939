-- Unqualified names resolve in the data file, then in the meta file; new objects go to data.
USE data;
SET search_path = 'data,meta'
