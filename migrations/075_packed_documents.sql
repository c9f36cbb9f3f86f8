-- Settlement documents stored smaller: the document's JSON parts (person identities and
-- enrolments, categories, lines, trace, year-to-date delta, layers) go packed in one `body`
-- (electron/store/packed.ts: deflated JSON, a few hundred bytes instead of 4-6 KB, so a row no
-- longer spills into overflow pages); a document written so leaves those columns empty (''). The
-- documents written before keep their columns and are read as they are.
ALTER TABLE settlements ADD COLUMN body BLOB;
