/** Mattermost's skin tone preference values: `default` or the modifier's code point. */
export const SKIN_TONES = ['default', '1F3FB', '1F3FC', '1F3FD', '1F3FE', '1F3FF'] as const;
export type SkinTone = (typeof SKIN_TONES)[number];

export const isSkinTone = (value: string | undefined): value is SkinTone => SKIN_TONES.some((t) => t === value);
