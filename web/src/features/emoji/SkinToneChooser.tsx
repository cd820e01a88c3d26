import { useState } from 'react';
import { useT } from '../../i18n/useT';
import { showToast } from '../layout/Toast';
import { errorMessage } from '../../api/client';
import type { EmojiIndex } from './emojiIndex';
import { saveSkinTone } from './emojiPrefs';
import { spriteClass } from './EmojiImage';
import { toneLabel } from './pickerLabels';
import { SKIN_TONES, type SkinTone } from './skinTones';

/** The hand in the picker's corner: shows the chosen skin tone and opens the six to choose from. */
export function SkinToneChooser({ index, tone }: { index: EmojiIndex; tone: SkinTone }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const hand = index.get('raised_hand');
  if (!hand) return null;
  const handIn = (s: SkinTone) => {
    const e = index.withTone(hand, s);
    return <span className={spriteClass(e)} aria-hidden="true">{e.char}</span>;
  };
  const choose = (s: SkinTone): void => {
    setOpen(false);
    void saveSkinTone(s).catch((err: unknown) => showToast(errorMessage(err)));
  };
  return (
    <div className="emoji-tones">
      <button
        type="button"
        className="emoji-tone-button"
        aria-label={`${t('emoji.skinTone')}: ${toneLabel(t, tone)}`}
        title={t('emoji.skinTone')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {handIn(tone)}
      </button>
      {open && (
        <div className="emoji-tone-list" role="radiogroup" aria-label={t('emoji.skinTone')}>
          {SKIN_TONES.map((s) => (
            <button key={s} type="button" role="radio" aria-checked={s === tone} aria-label={toneLabel(t, s)} title={toneLabel(t, s)} onClick={() => choose(s)}>
              {handIn(s)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
