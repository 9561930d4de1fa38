import type { RequestHandler } from './$types';

/** Search engines may read the public pages; the back office and personal pages are not for them. */
export const GET: RequestHandler = ({ url }) =>
	new Response(
		[
			'User-agent: *',
			'Disallow: /verwaltung',
			'Disallow: /konto',
			'Disallow: /anmelden',
			'Disallow: /registrieren',
			'Disallow: /passwort-',
			'Disallow: /sprache/',
			'',
			`Sitemap: ${url.origin}/sitemap.xml`,
			''
		].join('\n'),
		{
			headers: {
				'Content-Type': 'text/plain; charset=utf-8',
				'Cache-Control': 'public, max-age=3600'
			}
		}
	);
