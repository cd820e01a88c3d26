import { useStore } from '../../store/store';
import { displaySetting } from '../../store/selectors';
import { savePrefs } from '../../store/actions/prefs';
import { useT } from '../../i18n/useT';
import { showToast } from '../layout/Toast';
import { errorMessage } from '../../api/client';

/** Display setting "Website link previews" (preference display_settings/link_previews), shown when the server makes previews. */
export function LinkPreviewSetting() {
  const t = useT();
  const enabled = useStore((s) => s.config.EnableLinkPreviews === 'true');
  const value = useStore((s) => displaySetting(s, 'link_previews', 'true'));
  if (!enabled) return null;
  const save = (next: string): void => {
    savePrefs([{ category: 'display_settings', name: 'link_previews', value: next }]).catch((err: unknown) => showToast(errorMessage(err)));
  };
  return (
    <div className="setting-row">
      <div className="setting-label">{t('preview.setting')}</div>
      <div className="segmented" role="radiogroup" aria-label={t('preview.setting')}>
        {([['true', t('preview.settingOn')], ['false', t('preview.settingOff')]] as const).map(([id, label]) => (
          <label key={id} className={value === id ? 'segment selected' : 'segment'}>
            <input type="radio" name="link_previews" checked={value === id} onChange={() => save(id)} />
            {label}
          </label>
        ))}
      </div>
    </div>
  );
}
