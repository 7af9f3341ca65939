-- Let go of a generation's files (a small write's, on the process's shared connection).
USE memory;
DETACH DATABASE IF EXISTS data;
DETACH DATABASE IF EXISTS meta
