-- A deployment submitted as a Score workload keeps the document as it was sent (comments and all),
-- next to the spec it was converted into; rollbacks and promotions copy it with the spec. Null for
-- a deployment whose spec was submitted as such. The request body limit (1 MiB) bounds its size.
ALTER TABLE deployments ADD COLUMN score_document text;
