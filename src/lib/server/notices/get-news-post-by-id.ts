import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { newsPosts } from '../db/schema';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import { renderMarkdown } from '../site/markdown';

/** A post for the back office, published or not, with its body rendered for the preview. */
export async function getNewsPostById(db: Db, { actor, id }: { actor: Actor; id: number }) {
	assertCan(actor, 'content.read');
	const [row] = await db.select().from(newsPosts).where(eq(newsPosts.id, id));
	if (!row) throw new DomainError('NOT_FOUND');
	return { ...row, html: renderMarkdown(row.body) };
}
