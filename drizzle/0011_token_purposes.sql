-- The sign-in link (security) added a token purpose after the state CHECKs (infradb) were written.
ALTER TABLE "user_tokens" DROP CONSTRAINT "user_tokens_purpose_check";--> statement-breakpoint
ALTER TABLE "user_tokens" ADD CONSTRAINT "user_tokens_purpose_check" CHECK ("user_tokens"."purpose" in ('set_password', 'reset_password', 'verify_email', 'sign_in'));
