/**
 * The admin command line, run on the server through `npm run admin -- <command>`:
 *   create <email> [--name "…"] [--roles admin,content]   create a staff account (or, if it
 *       exists, restore access) and print a one-time link to set the password
 *   list                                                    list all accounts
 * It opens the configured database itself, so with PGlite the server must be stopped.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { config } from '../config';
import { DomainError, messageOf } from '../errors';
import { openConfiguredDatabase } from '../runtime';
import type { Database } from '../db/client';
import { STAFF_ROLES, type StaffRole } from '../db/schema';
import { CLI_ACTOR } from '../auth/actor';
import { createStaffAccount } from '../auth/create-staff-account';
import { findAccounts } from '../auth/find-accounts';
import { sendSetPasswordLink } from '../auth/send-set-password-link';
import { findUserByEmail } from '../auth/users';

const USAGE = `Verwendung:
  npm run admin -- create <e-mail> [--name "Name"] [--roles admin,content,rooms,concerns]
  npm run admin -- list`;

export class UsageError extends Error {}

type Command =
	{ kind: 'list' } | { kind: 'create'; email: string; name: string; roles?: StaffRole[] };

function parseCommand(argv: string[]): Command {
	const [command, ...rest] = argv;
	if (command !== 'create' && command !== 'list') throw new UsageError(USAGE);
	let parsed;
	try {
		parsed = parseArgs({
			args: rest,
			allowPositionals: true,
			options: { name: { type: 'string' }, roles: { type: 'string' } }
		});
	} catch (err) {
		throw new UsageError(`${(err as Error).message}\n${USAGE}`);
	}
	if (command === 'list') return { kind: 'list' };
	if (parsed.positionals.length !== 1) throw new UsageError(USAGE);
	const email = z.email().safeParse(parsed.positionals[0].trim().toLowerCase());
	if (!email.success)
		throw new UsageError(`Keine gültige E-Mail-Adresse: ${parsed.positionals[0]}`);
	return {
		kind: 'create',
		email: email.data,
		name: (parsed.values.name ?? '').trim().slice(0, 200),
		roles: parsed.values.roles === undefined ? undefined : parseRoles(parsed.values.roles)
	};
}

/** Runs one command; returns the exit code. Usage errors throw UsageError (exit code 2). */
export async function runAdminCli(argv: string[], out: (line: string) => void): Promise<number> {
	const command = parseCommand(argv);
	let database: Database;
	try {
		database = await openConfiguredDatabase();
	} catch (err) {
		// Above all the PGlite folder lock ("in use by process …"): say it plainly, no stack.
		out(`Die Datenbank lässt sich nicht öffnen: ${(err as Error).message}`);
		return 1;
	}
	try {
		if (command.kind === 'list') await list(database, out);
		else await create(database, command, out);
		return 0;
	} finally {
		await database.close();
	}
}

async function create(
	database: Database,
	{ email, name, roles }: { email: string; name: string; roles?: StaffRole[] },
	out: (line: string) => void
) {
	const origin = (config().ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(
		/\/+$/,
		''
	);
	const db = database.db;
	const existing = await findUserByEmail(db, email);
	const result = existing
		? await sendSetPasswordLink(db, {
				actor: CLI_ACTOR,
				userId: existing.id,
				origin,
				sendMail: false,
				restore: { roles }
			})
		: await createStaffAccount(db, {
				actor: CLI_ACTOR,
				email,
				displayName: name,
				roles: roles ?? ['admin'],
				origin,
				sendMail: false
			});
	out(
		existing
			? `Das Konto ${email} gibt es schon: es ist wieder freigeschaltet, ein neuer Link ist erstellt (frühere Links gelten nicht mehr).`
			: `Konto angelegt: ${email} (Rollen: ${(roles ?? ['admin']).join(', ')})`
	);
	out(`Einmal-Link zum Setzen des Passworts, gültig bis ${result.expiresAt.toISOString()}:`);
	out(result.link);
}

function parseRoles(value: string): StaffRole[] {
	const roles = value
		.split(',')
		.map((r) => r.trim())
		.filter(Boolean);
	const unknown = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
	if (unknown.length > 0 || roles.length === 0) {
		throw new UsageError(
			`Unbekannte Rolle(n): ${unknown.join(', ') || '(keine)'}. Möglich: ${STAFF_ROLES.join(', ')}`
		);
	}
	return roles as StaffRole[];
}

async function list(database: Database, out: (line: string) => void) {
	out(['id', 'e-mail', 'name', 'rollen', 'status'].join('\t'));
	for (let page = 1, pages = 1; page <= pages; page += 1) {
		const result = await findAccounts(database.db, { actor: CLI_ACTOR, page, pageSize: 500 });
		for (const a of result.rows) {
			const status = a.disabledAt
				? 'gesperrt'
				: !a.hasPassword
					? 'ohne Passwort'
					: a.emailVerifiedAt
						? 'aktiv'
						: 'unbestätigt';
			out([a.id, a.email, a.displayName, a.roles.join(',') || '-', status].join('\t'));
		}
		pages = result.pages;
	}
}

// Run when executed directly (scripts/admin.mjs), not when imported by a test.
if (process.argv[1] && /cli[\\/]admin\.ts$/.test(process.argv[1])) {
	runAdminCli(process.argv.slice(2), (line) => console.log(line))
		.then((code) => process.exit(code))
		.catch((err) => {
			console.error(
				err instanceof UsageError ? err.message : err instanceof DomainError ? messageOf(err) : err
			);
			process.exit(err instanceof UsageError ? 2 : 1);
		});
}
