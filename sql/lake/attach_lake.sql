-- attach the DuckLake catalog under the code's alias. {catalog} is a quoted string literal
-- ('ducklake:...'), {options} empty or "(DATA_PATH '...', METADATA_SCHEMA '...', READ_ONLY)".
attach {catalog} as {alias} {options};
