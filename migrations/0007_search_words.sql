CREATE TABLE "search_word" (
	"word" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "search_word_word_kind_pk" PRIMARY KEY("word","kind")
);--> statement-breakpoint
-- the words of NEW.search_text as the full-text indexes split them, for the kind named by the
-- trigger's argument. ON CONFLICT probes the key for each word and passes over a known one
-- without locking it: only a brand-new word, written by two transactions at once, makes one wait
-- for the other (in word order within a statement).
CREATE FUNCTION "remember_search_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_word (word, kind)
    SELECT w, TG_ARGV[0] FROM unnest(tsvector_to_array(to_tsvector('simple', NEW.search_text))) AS w
    ORDER BY w
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "article_search_words_insert" AFTER INSERT ON "article" FOR EACH ROW EXECUTE FUNCTION "remember_search_words"('article');--> statement-breakpoint
CREATE TRIGGER "article_search_words_update" AFTER UPDATE OF "search_text" ON "article" FOR EACH ROW WHEN (OLD."search_text" IS DISTINCT FROM NEW."search_text") EXECUTE FUNCTION "remember_search_words"('article');--> statement-breakpoint
CREATE TRIGGER "legal_document_search_words_insert" AFTER INSERT ON "legal_document" FOR EACH ROW EXECUTE FUNCTION "remember_search_words"('document');--> statement-breakpoint
CREATE TRIGGER "legal_document_search_words_update" AFTER UPDATE OF "search_text" ON "legal_document" FOR EACH ROW WHEN (OLD."search_text" IS DISTINCT FROM NEW."search_text") EXECUTE FUNCTION "remember_search_words"('document');--> statement-breakpoint
CREATE TRIGGER "task_search_words_insert" AFTER INSERT ON "task" FOR EACH ROW EXECUTE FUNCTION "remember_search_words"('task');--> statement-breakpoint
CREATE TRIGGER "task_search_words_update" AFTER UPDATE OF "search_text" ON "task" FOR EACH ROW WHEN (OLD."search_text" IS DISTINCT FROM NEW."search_text") EXECUTE FUNCTION "remember_search_words"('task');--> statement-breakpoint
-- a case is searchable once its answer is published: a citizen's submission costs nothing here
CREATE TRIGGER "feedback_submission_search_words_insert" AFTER INSERT ON "feedback_submission" FOR EACH ROW WHEN (NEW."published_at" IS NOT NULL) EXECUTE FUNCTION "remember_search_words"('answer');--> statement-breakpoint
CREATE TRIGGER "feedback_submission_search_words_update" AFTER UPDATE ON "feedback_submission" FOR EACH ROW WHEN (NEW."published_at" IS NOT NULL AND (OLD."published_at" IS NULL OR OLD."search_text" IS DISTINCT FROM NEW."search_text")) EXECUTE FUNCTION "remember_search_words"('answer');--> statement-breakpoint
INSERT INTO "search_word" ("word", "kind")
SELECT DISTINCT w, kind FROM (
  SELECT unnest(tsvector_to_array(to_tsvector('simple', "search_text"))) AS w, 'article' AS kind FROM "article"
  UNION ALL SELECT unnest(tsvector_to_array(to_tsvector('simple', "search_text"))), 'document' FROM "legal_document"
  UNION ALL SELECT unnest(tsvector_to_array(to_tsvector('simple', "search_text"))), 'task' FROM "task"
  UNION ALL SELECT unnest(tsvector_to_array(to_tsvector('simple', "search_text"))), 'answer' FROM "feedback_submission" WHERE "published_at" IS NOT NULL
) words
ON CONFLICT DO NOTHING;
