CREATE TABLE "event_images" (
	"event_id" integer PRIMARY KEY NOT NULL,
	"image_id" integer NOT NULL,
	"alt_text" text NOT NULL,
	CONSTRAINT "event_images_alt_text_check" CHECK (length(trim("event_images"."alt_text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "group_editors" (
	"group_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_editors_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "event_images" ADD CONSTRAINT "event_images_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_images" ADD CONSTRAINT "event_images_image_id_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_editors" ADD CONSTRAINT "group_editors_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_editors" ADD CONSTRAINT "group_editors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_images_image_unique" ON "event_images" USING btree ("image_id");--> statement-breakpoint
CREATE INDEX "group_editors_user_idx" ON "group_editors" USING btree ("user_id");