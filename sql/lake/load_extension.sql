-- load one DuckDB extension from the file shipped in its wheel (never downloaded). {path} is a
-- quoted string literal.
load {path};
