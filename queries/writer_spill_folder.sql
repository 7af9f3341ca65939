-- A load's writer spills into the load's own work folder (removed with it). $dir
SET temp_directory = $dir
