import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { siteSettings } from '../db/schema';
import { recordAudit } from '../audit/record-audit';
import { DomainError } from '../errors';
import type { SiteSettingsInput } from './site.schemas';
import { now } from '../time';

/** Saves the installation's identity data (admin only; the route checks the role). */
export async function updateSiteSettings(
	db: Db,
	{ actorId, input }: { actorId: number; input: SiteSettingsInput }
) {
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(siteSettings)
			.set({ ...input, updatedAt: now() })
			.where(eq(siteSettings.id, 1))
			.returning({ id: siteSettings.id });
		if (!row) throw new DomainError('NOT_FOUND', 'site settings missing: run the seed');
		await recordAudit(tx, { actorId, action: 'update', entity: 'site_settings', entityId: 1 });
		return row;
	});
}
