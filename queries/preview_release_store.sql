-- The staging connection as it was before the preview.
RESET search_path;
DETACH ww_store
