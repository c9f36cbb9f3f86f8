-- A person's settlements through an index again (024 dropped settlements_person for leaner
-- commits, 052 its successor): the search by person read every document. Ordered by doc_key
-- within a person (the rowid every index entry carries), so "newest first" reads from its end.
CREATE INDEX settlements_person ON settlements (person_no);
