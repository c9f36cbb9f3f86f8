-- Insurance network client (netclient area): msgid sequence, allocated msgids, message log.

-- One row per terminal: the last msgid time stamp and the counter used within it.
CREATE TABLE network_msgid_state (
  terminal_no TEXT PRIMARY KEY,
  stamp TEXT NOT NULL,          -- yyyyMMddHHmmss of the last allocated msgid
  counter INTEGER NOT NULL      -- 0..99, the last counter used within that stamp
);

-- Every msgid ever allocated, written before the message is sent.
CREATE TABLE network_msgids (
  msgid TEXT PRIMARY KEY,
  infno TEXT NOT NULL DEFAULT '',
  allocated_at TEXT NOT NULL
);

-- The message log: one row per attempt, personal data masked in request and response.
CREATE TABLE network_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  msgid TEXT NOT NULL,
  infno TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  duration_ms INTEGER,
  outcome TEXT NOT NULL DEFAULT 'sending', -- sending | ok | rejected | notSent | unknownOutcome | badResponse
  http_status INTEGER,
  infcode TEXT,
  err_msg TEXT,
  request TEXT NOT NULL,         -- masked JSON
  response TEXT                  -- masked JSON or text sample
);
CREATE INDEX network_messages_msgid ON network_messages (msgid);
CREATE INDEX network_messages_started ON network_messages (started_at);
