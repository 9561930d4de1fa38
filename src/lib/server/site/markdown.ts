import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Staff write Markdown; raw HTML in it is escaped by the sanitiser's allow-list, and links are
 * limited to http(s), mailto and tel. Headings start at h2 because the page has its own h1.
 */
export function renderMarkdown(source: string): string {
	const html = marked.parse(source) as string;
	return sanitizeHtml(html, {
		allowedTags: [
			'h2',
			'h3',
			'h4',
			'p',
			'br',
			'strong',
			'em',
			'ul',
			'ol',
			'li',
			'a',
			'blockquote',
			'hr',
			'code'
		],
		allowedAttributes: { a: ['href'] },
		allowedSchemes: ['http', 'https', 'mailto', 'tel'],
		transformTags: { h1: 'h2' },
		disallowedTagsMode: 'escape'
	});
}
