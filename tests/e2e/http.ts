/**
 * HTTP tests against the built server without a browser: a client with its own cookie jar that
 * reads the CSRF token from the forms it receives, like a browser with JavaScript off.
 *
 *   const anna = new HttpClient();                    // anonymous, on the shared server
 *   const editor = await HttpClient.as('content');    // signed in (session from global setup)
 *   const res = await editor.post('/verwaltung/hinweise/neu', { title: '' });
 *   expect(res.status).toBe(400);
 *   expect(res.body).toContain('Bitte füllen Sie das Feld „Überschrift“ aus.');
 *
 * A request costs milliseconds where a browser page costs seconds: role, CSRF and bad-input
 * matrices belong here (or in-process, tests/helpers), the browser only for journeys, keyboard
 * use and one axe run per page template.
 */
import { expect, inject } from 'vitest';
import type { TestRole } from './accounts';

export interface HttpAnswer {
	status: number;
	/** Redirect target (path for local redirects), '' otherwise. */
	location: string;
	headers: Headers;
	body: string;
}

export interface PostOptions {
	/** true (default): the token of this client's last page; false: none; a string: that token. */
	csrf?: boolean | string;
	/** The Origin header (default: the server's own origin). */
	origin?: string;
	/** Send multipart/form-data (files) instead of a urlencoded body. */
	multipart?: boolean;
}

type Field = string | Blob;

const CSRF_INPUT = /name="_csrf"\s+value="([^"]+)"|value="([^"]+)"\s+name="_csrf"/;

/** The CSRF token of the first form in a page ('' if there is none). */
export function csrfIn(html: string): string {
	const match = CSRF_INPUT.exec(html);
	return match?.[1] ?? match?.[2] ?? '';
}

/** The text of an HTML fragment without tags and with entities decoded (for readable asserts). */
export function textOf(html: string): string {
	return html
		.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

/** The content of the page's <main> element as text. */
export function mainText(html: string): string {
	const start = html.indexOf('<main');
	const end = html.lastIndexOf('</main>');
	return textOf(start >= 0 && end > start ? html.slice(start, end) : html);
}

/** Decodes the few entities our server's attribute and text escaping produces. */
function decodeEntities(text: string): string {
	return text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&amp;/g, '&');
}

/**
 * What a browser would send for the first form in `<main>` (text inputs, checked boxes, textareas
 * and selected options; not the CSRF token): for "change one field, keep the rest" posts.
 */
export function formValues(html: string): Record<string, string> {
	const start = html.indexOf('<form', Math.max(0, html.indexOf('<main')));
	const form = html.slice(start, html.indexOf('</form>', start));
	const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
	const values: Record<string, string> = {};
	for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
		const name = attr(tag, 'name');
		const type = attr(tag, 'type') ?? 'text';
		if (!name || name === '_csrf' || ['submit', 'button', 'file'].includes(type)) continue;
		if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
		values[name] = decodeEntities(attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : ''));
	}
	for (const [, tag, text] of form.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g)) {
		const name = attr(tag, 'name');
		if (name) values[name] = decodeEntities(text);
	}
	for (const [, tag, options] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
		const name = attr(tag, 'name');
		const selected =
			/<option\b[^>]*\sselected\b[^>]*>/.exec(options) ?? /<option\b[^>]*>/.exec(options);
		if (name && selected) values[name] = decodeEntities(attr(selected[0], 'value') ?? '');
	}
	return values;
}

/**
 * The ids in the edit links of a back-office list (`<a href="…/<list>/<id>">`), in page order.
 * Links may be relative (SvelteKit's resolve()), so they are resolved against the list's URL.
 */
export function idsInLinks(html: string, listPath: string): number[] {
	const main = html.slice(Math.max(0, html.indexOf('<main')));
	const pattern = new RegExp(`^${listPath}/(\\d+)$`);
	return [...main.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)]
		.map((m) => new URL(m[1].replace(/&amp;/g, '&'), `http://x${listPath}`).pathname)
		.map((p) => pattern.exec(p)?.[1])
		.filter((id): id is string => id !== undefined)
		.map(Number);
}

/**
 * The `<tr>…</tr>` of a table whose text contains all of `texts` (the first such row; throws if
 * there is none), e.g. a back-office list's row of one record.
 */
export function rowWith(html: string, ...texts: string[]): string {
	for (const [row] of html.matchAll(/<tr\b[\s\S]*?<\/tr>/g)) {
		const text = textOf(row);
		if (texts.every((t) => text.includes(t))) return row;
	}
	throw new Error(`no table row with ${texts.join(' and ')}`);
}

/** The texts of a table row's `<td>` cells, in order. */
export function cellsOf(row: string): string[] {
	return [...row.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]));
}

export class HttpClient {
	readonly baseUrl: string;
	readonly jar = new Map<string, string>();
	/** The CSRF token of the last HTML page with a form ('' before one was seen). */
	token = '';
	/** The body of the last response. */
	lastBody = '';

	constructor(baseUrl: string = inject('baseUrl'), cookies: Record<string, string> = {}) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		for (const [name, value] of Object.entries(cookies)) this.jar.set(name, value);
	}

	/** A client signed in as the run's test account of a role (logged in once by global setup). */
	static async as(role: TestRole, baseUrl?: string): Promise<HttpClient> {
		const cookies = inject('sessions')[role];
		if (!cookies) throw new Error(`no session for ${role} from global setup`);
		return new HttpClient(baseUrl, cookies);
	}

	/** Logs in through the form (POST /anmelden with the page's token); throws unless it worked. */
	static async login(email: string, password: string, baseUrl?: string): Promise<HttpClient> {
		const client = new HttpClient(baseUrl);
		const res = await client.submit('/anmelden', { email, password }, '/anmelden?/anmelden');
		if (res.status !== 303) {
			throw new Error(`login as ${email} failed with ${res.status}: ${mainText(res.body)}`);
		}
		return client;
	}

	cookieHeader(): string {
		return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	private remember(res: Response) {
		for (const cookie of res.headers.getSetCookie()) {
			const [pair, ...attributes] = cookie.split(';');
			const name = pair.slice(0, pair.indexOf('='));
			const value = pair.slice(pair.indexOf('=') + 1);
			const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
			if (expired) this.jar.delete(name);
			else this.jar.set(name, value);
			// A new CSRF cookie makes the old form token worthless.
			if (name === 'csrf') this.token = '';
		}
	}

	private async answer(res: Response): Promise<HttpAnswer> {
		this.remember(res);
		const body = await res.text();
		this.lastBody = body;
		const token = csrfIn(body);
		if (token) this.token = token;
		const location = res.headers.get('location') ?? '';
		return {
			status: res.status,
			location: location.startsWith(this.baseUrl) ? location.slice(this.baseUrl.length) : location,
			headers: res.headers,
			body
		};
	}

	/** GET without following redirects. */
	async get(path: string, { accept = 'text/html' }: { accept?: string } = {}): Promise<HttpAnswer> {
		const res = await fetch(this.baseUrl + path, {
			headers: { cookie: this.cookieHeader(), accept },
			redirect: 'manual'
		});
		return this.answer(res);
	}

	/** GET that follows local redirects (up to 5), like a browser; returns the final answer. */
	async visit(path: string): Promise<HttpAnswer & { path: string }> {
		let current = path;
		for (let i = 0; i < 5; i++) {
			const res = await this.get(current);
			if (res.status < 300 || res.status >= 400 || !res.location.startsWith('/'))
				return { ...res, path: current };
			current = res.location;
		}
		throw new Error(`too many redirects from ${path}`);
	}

	/** A CSRF token for this client's cookie: from its last page, else from a fresh form. */
	async csrf(): Promise<string> {
		if (!this.token || !this.jar.has('csrf')) await this.get('/kontakt');
		if (!this.token) throw new Error('no CSRF token found on /kontakt');
		return this.token;
	}

	/** POST a form (urlencoded, or multipart with `multipart: true` or a Blob among the fields). */
	async post(
		path: string,
		fields: Record<string, Field> = {},
		{ csrf = true, origin, multipart = false }: PostOptions = {}
	): Promise<HttpAnswer> {
		const data: Record<string, Field> = { ...fields };
		if (csrf !== false && data._csrf === undefined)
			data._csrf = typeof csrf === 'string' ? csrf : await this.csrf();
		const hasFile = Object.values(data).some((v) => typeof v !== 'string');
		let body: FormData | URLSearchParams;
		if (multipart || hasFile) {
			body = new FormData();
			for (const [k, v] of Object.entries(data)) body.append(k, v);
		} else {
			body = new URLSearchParams(data as Record<string, string>);
		}
		const res = await fetch(this.baseUrl + path, {
			method: 'POST',
			headers: {
				cookie: this.cookieHeader(),
				origin: origin ?? new URL(this.baseUrl).origin,
				accept: 'text/html'
			},
			body,
			redirect: 'manual'
		});
		return this.answer(res);
	}

	/**
	 * Like a visitor without JavaScript: opens the page, takes the CSRF token of its form and
	 * posts the fields to `action` (default: the page itself).
	 */
	async submit(
		pagePath: string,
		fields: Record<string, Field>,
		action: string = pagePath
	): Promise<HttpAnswer> {
		const page = await this.get(pagePath);
		if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`);
		return this.post(action, fields, { csrf: csrfIn(page.body) || true });
	}
}

/** A POST that must be answered by the redirect of a successful save (303). */
export async function postOk(
	client: HttpClient,
	path: string,
	fields: Record<string, Field>
): Promise<HttpAnswer> {
	const res = await client.post(path, fields);
	expect(res.status, `${path}: ${mainText(res.body).slice(0, 500)}`).toBe(303);
	return res;
}
