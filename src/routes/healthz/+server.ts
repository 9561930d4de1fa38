import { json } from '@sveltejs/kit';
import { getRuntime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const { database } = getRuntime();
	try {
		await Promise.race([
			database.ping(),
			new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))
		]);
		return json(
			{ status: 'ok', database: { status: 'ok', driver: database.driver } },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return json(
			{ status: 'error', database: { status: 'unreachable', driver: database.driver } },
			{ status: 503, headers: { 'cache-control': 'no-store' } }
		);
	}
};
