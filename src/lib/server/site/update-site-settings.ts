import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { siteSettings } from '../db/schema';
import { changes } from '../audit/changes';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { DomainError } from '../errors';
import type { SiteSettingsInput } from './site.schemas';
import { now } from '../time';

/** Saves the installation's identity data (admins only). */
export async function updateSiteSettings(
	db: Db,
	{ actor, input }: { actor: Actor; input: SiteSettingsInput }
) {
	assertCan(actor, 'site.settings.edit');
	return db.transaction(async (tx) => {
		const [existing] = await tx
			.select()
			.from(siteSettings)
			.where(eq(siteSettings.id, 1))
			.for('update');
		if (!existing)
			throw new DomainError('NOT_FOUND', { detail: 'site settings missing: run the seed' });
		const [row] = await tx
			.update(siteSettings)
			.set({ ...input, updatedAt: now() })
			.where(eq(siteSettings.id, 1))
			.returning({ id: siteSettings.id });
		await recordAudit(tx, {
			actor,
			action: 'site-settings.updated',
			entity: 'site_settings',
			entityId: 1,
			...changes(existing, input)
		});
		return row;
	});
}
