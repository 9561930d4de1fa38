import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase } from '$tests/helpers/db';
import type { Database } from '../db/client';
import { auditLog, contactPersons, pages, siteSettings, users } from '../db/schema';
import { DomainError } from '../errors';
import { parseFormData } from '../form';
import { seedSite } from './seed-site';
import { findContactPersons, getPageBySlug, getSiteSettings, getVenueBySlug } from './get-site';
import { contactPersonSchema, pageSchema, siteSettingsSchema, venueSchema } from './site.schemas';
import { updateSiteSettings } from './update-site-settings';
import { getMainVenue } from './get-main-venue';
import { updateVenue } from './update-venue';
import { createContactPerson } from './create-contact-person';
import { updateContactPerson } from './update-contact-person';
import { deleteContactPerson } from './delete-contact-person';
import { findEditablePages } from './find-pages';
import { updatePage } from './update-page';
import { staffActor } from '$tests/helpers/actors';
import { actorUserId, type Actor } from '$lib/server/auth/actor';

function formOf(fields: Record<string, string>) {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
}

function parsed<T>(result: { ok: true; data: T } | { ok: false; errors: Record<string, string> }) {
	if (!result.ok) throw new Error(`unexpected form errors: ${JSON.stringify(result.errors)}`);
	return result.data;
}

async function expectDomainError(promise: Promise<unknown>, code: string) {
	const err = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	expect((err as DomainError).code).toBe(code);
	return err as DomainError;
}

const siteForm = {
	neighbourhoodName: 'Kaster',
	townName: 'Bedburg',
	regionName: 'Rhein-Erft-Kreis',
	officeName: 'Quartiersbüro Kaster',
	tagline: 'Für alle',
	intro: 'Einleitung',
	aboutText: 'Absatz eins\r\n\r\nAbsatz zwei',
	tasks: 'Beraten\r\n\r\n  Vernetzen  \nInformieren',
	goals: 'Miteinander',
	invitation: 'Kommen Sie vorbei',
	contactEmail: 'Buero@Example.org',
	contactPhone: '02272 123-45',
	accessibilityEnforcementBody: 'Ombudsstelle\nDüsseldorf',
	accessibilityReviewedOn: '2025-01-15'
};

describe('site content use cases', () => {
	let database: Database;
	let actor: Actor;

	beforeAll(async () => {
		database = await createTestDatabase();
		await seedSite(database.db);
		const [user] = await database.db
			.insert(users)
			.values({ email: 'redaktion@example.org', roles: ['content', 'admin'] })
			.returning({ id: users.id });
		actor = staffActor(user.id, ['admin']);
	});
	afterAll(async () => {
		await database.close();
	});

	async function auditFor(entity: string, entityId: number | string) {
		return database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))));
	}

	describe('site settings', () => {
		it('saves every field, splitting lists by line, and records who did it', async () => {
			const input = parsed(parseFormData(formOf(siteForm), siteSettingsSchema));
			await updateSiteSettings(database.db, { actor, input });
			const site = await getSiteSettings(database.db);
			expect(site.officeName).toBe('Quartiersbüro Kaster');
			expect(site.tasks).toEqual(['Beraten', 'Vernetzen', 'Informieren']);
			expect(site.goals).toEqual(['Miteinander']);
			expect(site.aboutText).toBe('Absatz eins\n\nAbsatz zwei');
			expect(site.contactEmail).toBe('Buero@Example.org');
			expect(site.accessibilityReviewedOn).toBe('2025-01-15');
			expect(await auditFor('site_settings', 1)).toHaveLength(1);
		});

		it('refuses bad input with German messages naming the field', () => {
			const bad = parseFormData(
				formOf({
					...siteForm,
					neighbourhoodName: '',
					officeName: 'x'.repeat(100_000),
					tagline: 'Hallo\u0000Welt',
					intro: 'kaputt \uFFFD',
					tasks: Array.from({ length: 31 }, (_, i) => `Aufgabe ${i}`).join('\n'),
					goals: 'y'.repeat(501),
					contactEmail: 'keine-adresse',
					contactPhone: 'call me',
					accessibilityReviewedOn: '2025-02-30'
				}),
				siteSettingsSchema
			);
			expect(bad.ok).toBe(false);
			if (bad.ok) return;
			expect(bad.errors.neighbourhoodName).toBe(
				'Bitte füllen Sie das Feld „Name des Stadtteils“ aus.'
			);
			expect(bad.errors.officeName).toBe('„Name des Büros“ darf höchstens 200 Zeichen lang sein.');
			expect(bad.errors.tagline).toMatch(/„Leitsatz“ enthält ungültige Zeichen/);
			expect(bad.errors.intro).toMatch(/„Einleitung“ enthält ungültige Zeichen/);
			expect(bad.errors.tasks).toBe('„Aufgaben“ darf höchstens 30 Zeilen haben.');
			expect(bad.errors.goals).toMatch(/Zeile bei „Ziele“/);
			expect(bad.errors.contactEmail).toMatch(/E-Mail-Adresse des Büros/);
			expect(bad.errors.contactPhone).toMatch(/Telefonnummer des Büros/);
			expect(bad.errors.accessibilityReviewedOn).toMatch(
				/Datum bei „Erklärung zur Barrierefreiheit zuletzt geprüft am“ gibt es nicht/
			);
			// The input comes back for the form (cut to a sane size).
			expect(bad.values.neighbourhoodName).toBe('');
			expect(bad.values.tagline).toBe('Hallo\u0000Welt');
		});

		it('stores markup and SQL literally as text', async () => {
			const input = parsed(
				parseFormData(
					formOf({
						...siteForm,
						tagline: '<script>alert(1)</script>',
						intro: "'; drop table site_settings; --"
					}),
					siteSettingsSchema
				)
			);
			await updateSiteSettings(database.db, { actor, input });
			const site = await getSiteSettings(database.db);
			expect(site.tagline).toBe('<script>alert(1)</script>');
			expect(site.intro).toBe("'; drop table site_settings; --");
			const [{ id }] = await database.db.select({ id: siteSettings.id }).from(siteSettings);
			expect(id).toBe(1);
		});
	});

	describe('venue', () => {
		it('saves the address and allows empty address fields', async () => {
			const venue = await getMainVenue(database.db);
			expect(venue.slug).toBe('haus-der-begegnung');
			const input = parsed(
				parseFormData(
					formOf({
						name: 'Haus der Begegnung',
						description: 'Treffpunkt',
						street: 'Am Markt 1',
						postalCode: '50181',
						city: 'Bedburg',
						openingHours: 'Mo–Do 9–12 Uhr',
						accessibility: ''
					}),
					venueSchema
				)
			);
			await updateVenue(database.db, { actor, id: venue.id, input });
			const saved = await getVenueBySlug(database.db, 'haus-der-begegnung');
			expect(saved).toMatchObject({ street: 'Am Markt 1', postalCode: '50181', accessibility: '' });
			expect(await auditFor('venue', venue.id)).toHaveLength(1);

			const emptied = parsed(parseFormData(formOf({ name: 'Haus der Begegnung' }), venueSchema));
			await updateVenue(database.db, { actor, id: venue.id, input: emptied });
			expect(await getMainVenue(database.db)).toMatchObject({
				street: '',
				postalCode: '',
				city: ''
			});
		});

		it('refuses a malformed postal code and an unknown venue', async () => {
			const bad = parseFormData(formOf({ name: 'Haus', postalCode: '5018' }), venueSchema);
			expect(bad.ok).toBe(false);
			if (!bad.ok) expect(bad.errors.postalCode).toMatch(/„Postleitzahl“ fünf Ziffern/);
			const input = parsed(parseFormData(formOf({ name: 'Haus' }), venueSchema));
			await expectDomainError(updateVenue(database.db, { actor, id: 999999, input }), 'NOT_FOUND');
		});
	});

	describe('contact persons', () => {
		const person = (fields: Record<string, string>) =>
			parsed(parseFormData(formOf({ sortOrder: '5', ...fields }), contactPersonSchema));

		it('keeps the seeded vacancy with Frau Lindner as substitute', async () => {
			const persons = await findContactPersons(database.db);
			const manager = persons.find((p) => p.isVacant)!;
			expect(manager.substitute?.name).toBe('Frau Lindner');
		});

		it('creates, updates and deletes a person; deleting a substitute clears the link', async () => {
			const created = await createContactPerson(database.db, {
				actor,
				input: person({
					roleTitle: 'Seniorenberatung',
					name: 'Herr Yılmaz',
					email: 'Yilmaz@Example.org',
					phone: '+49 2272 1234'
				})
			});
			const vacant = await createContactPerson(database.db, {
				actor,
				input: person({
					roleTitle: 'Jugendarbeit',
					isVacant: 'on',
					vacancyNote: 'Wird bald besetzt.',
					substituteId: String(created.id)
				})
			});
			let persons = await findContactPersons(database.db);
			expect(persons.find((p) => p.id === vacant.id)?.substitute?.name).toBe('Herr Yılmaz');
			expect(persons.find((p) => p.id === created.id)?.email).toBe('Yilmaz@Example.org');

			await updateContactPerson(database.db, {
				actor,
				id: created.id,
				input: person({
					roleTitle: 'Seniorenberatung',
					name: 'Herr Yılmaz',
					officeHours: 'Di 10–12'
				})
			});
			expect(
				(await findContactPersons(database.db)).find((p) => p.id === created.id)?.officeHours
			).toBe('Di 10–12');

			await deleteContactPerson(database.db, { actor, id: created.id });
			persons = await findContactPersons(database.db);
			expect(persons.some((p) => p.id === created.id)).toBe(false);
			const [row] = await database.db
				.select({ substituteId: contactPersons.substituteId })
				.from(contactPersons)
				.where(eq(contactPersons.id, vacant.id));
			expect(row.substituteId).toBeNull();
			const actions = (await auditFor('contact_person', created.id)).map((a) => a.action).sort();
			expect(actions).toEqual([
				'contact-person.created',
				'contact-person.deleted',
				'contact-person.updated'
			]);
		});

		it('needs a name unless the position is vacant', async () => {
			const err = await expectDomainError(
				createContactPerson(database.db, { actor, input: person({ roleTitle: 'Beratung' }) }),
				'INVALID'
			);
			expect(err.fieldErrors?.name).toMatch(/„Name“.*unbesetzt/);
		});

		it('refuses an unknown substitute or the person itself, storing nothing', async () => {
			const before = (await findContactPersons(database.db)).length;
			const err = await expectDomainError(
				createContactPerson(database.db, {
					actor,
					input: person({ roleTitle: 'X', name: 'Y', substituteId: '999999' })
				}),
				'INVALID'
			);
			expect(err.fieldErrors?.substituteId).toMatch(/„Vertretung“/);
			expect((await findContactPersons(database.db)).length).toBe(before);

			const lindner = (await findContactPersons(database.db)).find(
				(p) => p.name === 'Frau Lindner'
			)!;
			await expectDomainError(
				updateContactPerson(database.db, {
					actor,
					id: lindner.id,
					input: person({ roleTitle: 'R', name: 'Frau Lindner', substituteId: String(lindner.id) })
				}),
				'INVALID'
			);
		});

		it('refuses bad form input naming the field', () => {
			const bad = parseFormData(
				formOf({
					roleTitle: 'x'.repeat(201),
					email: 'nope',
					substituteId: 'abc',
					sortOrder: 'zehn',
					phone: '0221\u0007'
				}),
				contactPersonSchema
			);
			expect(bad.ok).toBe(false);
			if (bad.ok) return;
			expect(bad.errors.roleTitle).toMatch(/„Aufgabe oder Stelle“ darf höchstens 200 Zeichen/);
			expect(bad.errors.email).toMatch(/„E-Mail-Adresse“/);
			expect(bad.errors.substituteId).toMatch(/„Vertretung“/);
			expect(bad.errors.sortOrder).toMatch(/„Reihenfolge“/);
			expect(bad.errors.phone).toMatch(/„Telefonnummer“ enthält ungültige Zeichen/);
		});

		it('reports NOT_FOUND for unknown ids', async () => {
			await expectDomainError(deleteContactPerson(database.db, { actor, id: 999999 }), 'NOT_FOUND');
			await expectDomainError(
				updateContactPerson(database.db, {
					actor,
					id: 999999,
					input: person({ roleTitle: 'a', name: 'b' })
				}),
				'NOT_FOUND'
			);
		});
	});

	describe('pages', () => {
		it('lists the editable pages in a fixed order', async () => {
			expect((await findEditablePages(database.db)).map((p) => p.slug)).toEqual([
				'impressum',
				'datenschutz',
				'barrierefreiheit',
				'leichte-sprache',
				'gebaerdensprache'
			]);
		});

		it('saves title and Markdown, renders it sanitised, and records the editor', async () => {
			const input = parsed(
				parseFormData(
					formOf({
						title: 'Impressum',
						body: '## Anbieter\n\nStadt Bedburg <script>alert(1)</script>\n\n[x](javascript:alert(1))'
					}),
					pageSchema
				)
			);
			await updatePage(database.db, { actor, slug: 'impressum', input });
			const page = await getPageBySlug(database.db, 'impressum');
			expect(page.body).toContain('<script>');
			expect(page.html).toContain('<h2>Anbieter</h2>');
			expect(page.html).not.toMatch(/<script|javascript:/i);
			expect(page.updatedBy).toBe(actorUserId(actor));
			const [row] = await database.db.select().from(pages).where(eq(pages.slug, 'impressum'));
			expect(await auditFor('page', row.id)).toHaveLength(1);
		});

		it('refuses unknown slugs and empty or oversized bodies', async () => {
			const input = { title: 'T', body: 'B' };
			await expectDomainError(
				updatePage(database.db, { actor, slug: 'kontakt', input }),
				'NOT_FOUND'
			);
			const empty = parseFormData(formOf({ title: '', body: '' }), pageSchema);
			expect(empty.ok).toBe(false);
			if (!empty.ok) {
				expect(empty.errors.title).toBe('Bitte füllen Sie das Feld „Überschrift“ aus.');
				expect(empty.errors.body).toBe('Bitte füllen Sie das Feld „Text“ aus.');
			}
			const big = parseFormData(formOf({ title: 'T', body: 'x'.repeat(100_000) }), pageSchema);
			expect(big.ok).toBe(false);
			if (!big.ok) expect(big.errors.body).toBe('„Text“ darf höchstens 20000 Zeichen lang sein.');
		});
	});
});
