"""The shared base every feature builds on: the unit of work (one transaction per change), ids,
errors, authorization, paging, the write log, and database access. It imports no feature."""
