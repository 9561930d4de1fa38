-- Merging duplicates (issue 13): a concern is never merged into itself, and only a merged
-- concern points to another. (A merged concern may lose its target when that one is deleted:
-- merged_into is ON DELETE SET NULL, so the reverse is not required.)
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_merged_into_check" CHECK ("merged_into" IS NULL OR ("merged_into" <> "id" AND "status" = 'merged'));
