import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';

/**
 * The German Sign Language video is a file the administrator puts into the data folder
 * (`<DATA_DIR>/medien/gebaerdensprache.mp4`, optional subtitles `gebaerdensprache.vtt`): served
 * by the app itself, never by a third-party player.
 */
export function signLanguageVideoPath(kind: 'mp4' | 'vtt' = 'mp4'): string {
	return path.resolve(config().DATA_DIR, 'medien', `gebaerdensprache.${kind}`);
}

export function findSignLanguageVideo(): { sizeBytes: number; hasCaptions: boolean } | null {
	try {
		const stat = fs.statSync(signLanguageVideoPath());
		if (!stat.isFile() || stat.size === 0) return null;
		return { sizeBytes: stat.size, hasCaptions: fs.existsSync(signLanguageVideoPath('vtt')) };
	} catch {
		return null;
	}
}
