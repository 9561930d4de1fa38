import { jpegName, variantWidths, webpName } from './image-files';

/** What a page needs to show a stored image: `<picture>` with WebP sizes and a JPEG fallback. */
export interface ImageView {
	/** The JPEG, for browsers without WebP. */
	src: string;
	/** The WebP variants as a srcset (`… 480w, … 1200w`). */
	webpSrcset: string;
	/** Of the largest variant: the browser reserves the space before the image arrives. */
	width: number;
	height: number;
}

const url = (name: string) => `/medien/bilder/${name}`;

export function imageView(image: { key: string; width: number; height: number }): ImageView {
	return {
		src: url(jpegName(image.key, image.width)),
		webpSrcset: variantWidths(image.width)
			.map((w) => `${url(webpName(image.key, w))} ${w}w`)
			.join(', '),
		width: image.width,
		height: image.height
	};
}
