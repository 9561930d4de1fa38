/** `?seite=2` → 2; anything that is not a sensible page number is page 1. */
export function pageFromUrl(url: URL, param = 'seite'): number {
	const raw = url.searchParams.get(param);
	if (!raw || !/^[1-9][0-9]{0,5}$/.test(raw)) return 1;
	return Number(raw);
}

export function pageHref(url: URL, page: number, param = 'seite'): string {
	const params = new URLSearchParams();
	if (page > 1) params.set(param, String(page));
	const query = params.toString();
	return query ? `${url.pathname}?${query}` : url.pathname;
}
