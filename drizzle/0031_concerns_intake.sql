ALTER TABLE "concerns" ADD COLUMN "contact_message_id" integer;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_contact_message_id_contact_messages_id_fk" FOREIGN KEY ("contact_message_id") REFERENCES "public"."contact_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "concern_categories_name_unique" ON "concern_categories" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "concerns_contact_message_unique" ON "concerns" USING btree ("contact_message_id");