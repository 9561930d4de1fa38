import type { ParamMatcher } from '@sveltejs/kit';

/** The two formats of Open311 GeoReport v2 (`requests.json`, `requests.xml`). */
export const match = ((param): param is 'json' | 'xml' =>
	param === 'json' || param === 'xml') satisfies ParamMatcher;
