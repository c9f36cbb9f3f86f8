-- What the start's recovery has checked already, so that a start checks what came since, not five
-- years of documents and receipt files: every document up to `docKey` has its receipt, every
-- receipt up to `receiptRowid` had its archived PDF. Moved up after a recovery run that found
-- nothing it could not make good; 0 here: the first start after this migration checks everything once.
INSERT INTO store_meta (key, value) VALUES ('recovery_checked', json_object('docKey', 0, 'receiptRowid', 0));
