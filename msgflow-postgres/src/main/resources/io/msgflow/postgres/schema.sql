-- The schema of a schema-qualified table name. ${schema} is validated and double-quoted.
CREATE SCHEMA IF NOT EXISTS ${schema};
