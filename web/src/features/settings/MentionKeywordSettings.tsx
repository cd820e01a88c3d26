import { useState } from 'react';
import { useStore } from '../../store/store';
import { parseMentionKeys } from '../../realtime/mention_match';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { Checkbox } from './Choice';
import { saveNotifyProps, useNotifyProps } from './notifyProps';

/** Custom keywords as removable chips, with a field that adds one on Enter, a comma or the Add button. */
function KeywordChips({ keys, onChange }: { keys: string[]; onChange: (next: string[]) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const add = (): void => {
    const fresh = text.split(',').map((k) => k.trim()).filter((k) => k && !keys.some((old) => old.toLowerCase() === k.toLowerCase()));
    setText('');
    if (fresh.length > 0) onChange([...keys, ...new Set(fresh)]);
  };
  return (
    <div className="keyword-editor">
      <div className="chips" role="list" aria-label={t('notify.keywords')}>
        {keys.map((key) => (
          <span key={key} className="chip keyword-chip" role="listitem">
            {key}
            <button type="button" aria-label={t('notify.keywordRemove', { keyword: key })} onClick={() => onChange(keys.filter((k) => k !== key))}>
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <input
          className="chip-input"
          value={text}
          placeholder={t('notify.keywordPlaceholder')}
          aria-label={t('notify.keywordAdd')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add();
            } else if (e.key === 'Backspace' && !text && keys.length > 0) {
              onChange(keys.slice(0, -1));
            }
          }}
        />
      </div>
      <button type="button" className="button small" onClick={add} disabled={!text.trim()}>{t('notify.keywordAddButton')}</button>
    </div>
  );
}

/** The words that count as a mention: @username always, the first name, @channel/@all/@here, custom keywords. */
export function MentionKeywordSettings() {
  const t = useT();
  const props = useNotifyProps();
  const username = useStore((s) => s.me?.username ?? '');
  const firstName = useStore((s) => s.me?.first_name ?? '');
  return (
    <div className="setting-row">
      <div className="setting-label">{t('notify.keywordsTitle')}</div>
      <div className="setting-stack">
        <small className="muted-text">{t('notify.keywordsUsername', { username })}</small>
        <Checkbox
          label={firstName ? t('notify.firstName', { name: firstName }) : t('notify.firstNameUnset')}
          checked={firstName !== '' && props.first_name === 'true'}
          disabled={firstName === ''}
          onChange={(on) => saveNotifyProps({ first_name: on ? 'true' : 'false' })}
        />
        <Checkbox
          label={t('notify.channelWide')}
          checked={props.channel !== 'false'}
          onChange={(on) => saveNotifyProps({ channel: on ? 'true' : 'false' })}
        />
        <KeywordChips keys={parseMentionKeys(props.mention_keys)} onChange={(keys) => saveNotifyProps({ mention_keys: keys.join(',') })} />
        <small className="muted-text">{t('notify.keywordsHint')}</small>
      </div>
    </div>
  );
}
