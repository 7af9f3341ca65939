-- A generation of one file (the layout before schema version 3): every name is in it.
USE data
