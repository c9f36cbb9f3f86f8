-- Year-to-date accumulators per person, ytdKey and calendar year (fen).
CREATE TABLE ytd (
  person_no TEXT NOT NULL,
  year INTEGER NOT NULL,
  ytd_key TEXT NOT NULL,
  base_fen INTEGER NOT NULL,
  paid_fen INTEGER NOT NULL,
  burden_fen INTEGER NOT NULL,
  PRIMARY KEY (person_no, year, ytd_key)
);

-- The year's compliant personal burden per person (high-cost warnings).
CREATE TABLE ytd_burden (
  person_no TEXT NOT NULL,
  year INTEGER NOT NULL,
  inpatient_fen INTEGER NOT NULL,
  chronic_fen INTEGER NOT NULL,
  PRIMARY KEY (person_no, year)
);

-- The network's person data (1101) as last fetched, for offline settlement.
CREATE TABLE person_cache (
  person_no TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

-- How a cached person was identified (card number, e-voucher token, ID number).
CREATE TABLE person_cache_keys (
  cert_type TEXT NOT NULL,
  cert_no TEXT NOT NULL,
  person_no TEXT NOT NULL REFERENCES person_cache(person_no),
  PRIMARY KEY (cert_type, cert_no)
);
