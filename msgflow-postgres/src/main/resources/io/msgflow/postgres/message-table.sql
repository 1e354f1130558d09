-- msgflow's table for the messages of one type. ${table} is replaced by the configured table
-- name, which msgflow accepts only as a plain lower-case SQL identifier and double-quotes.
-- The unique constraint on message_id is what makes writes idempotent: a redelivered message
-- meets it and is skipped (INSERT ... ON CONFLICT (message_id) DO NOTHING).
CREATE TABLE IF NOT EXISTS ${table} (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   text        NOT NULL UNIQUE,
    message_type text        NOT NULL,
    body         jsonb       NOT NULL,
    attributes   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    published_at timestamptz,
    processed_at timestamptz NOT NULL
);
