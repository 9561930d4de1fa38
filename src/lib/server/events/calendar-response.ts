import { DomainError, httpStatusOf, messageOf } from '../errors';

/**
 * A calendar's HTTP answer: the .ics with Last-Modified (ETag and 304 come from the compression
 * hook, which hashes the body), or a DomainError as plain text with its status (a calendar app
 * shows neither an error page nor a login form).
 */
export async function icsResponse(
	work: () => Promise<{ ics: string; lastModified: Date | null; filename: string }>
): Promise<Response> {
	try {
		const { ics, lastModified, filename } = await work();
		const headers: Record<string, string> = {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `inline; filename="${filename}"`,
			// Calendar apps poll; a few minutes of staleness in a shared cache is fine.
			'cache-control': 'public, max-age=300'
		};
		if (lastModified) headers['last-modified'] = lastModified.toUTCString();
		return new Response(ics, { headers });
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		return new Response(messageOf(err), {
			status: httpStatusOf(err),
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
}
