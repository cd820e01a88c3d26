import { useStore } from '../../store/store';
import { displaySetting, collapsedThreads } from '../../store/selectors';
import { savePrefs } from '../../store/actions/prefs';
import { useT } from '../../i18n/useT';
import { showToast } from '../layout/Toast';
import { errorMessage } from '../../api/client';
import { CUSTOM_KEYS, parseTheme, THEMES, type Theme } from './theme';
import { LinkPreviewSetting } from '../previews/LinkPreviewSetting';
import { Choice } from './Choice';
import { useClock24 } from '../posts/time';

function save(category: string, name: string, value: string): void {
  savePrefs([{ category, name, value }]).catch((err: unknown) => showToast(errorMessage(err)));
}

export function DisplaySettings() {
  const t = useT();
  const themeValue = useStore((s) => s.prefs['theme:']);
  // Without a choice the locale's own clock is in use, so that is the one shown as selected.
  const clock = String(useClock24());
  const display = useStore((s) => displaySetting(s, 'message_display', 'clean'));
  const crtConfig = useStore((s) => s.config.CollapsedThreads ?? 'disabled');
  const crt = useStore(collapsedThreads);
  const theme = parseTheme(themeValue);
  const presetId = Object.entries(THEMES).find(([, p]) => CUSTOM_KEYS.every((k) => p[k] === theme[k]))?.[0] ?? 'custom';
  const setTheme = (next: Theme): void => save('theme', '', JSON.stringify(next));
  const customLabels: Record<string, string> = {
    sidebarBg: t('theme.sidebarBg'), sidebarText: t('theme.sidebarText'), sidebarTextActiveBorder: t('theme.activeBorder'),
    centerChannelBg: t('theme.centerBg'), centerChannelColor: t('theme.centerText'), linkColor: t('theme.link'),
    buttonBg: t('theme.button'), mentionBg: t('theme.mention'), newMessageSeparator: t('theme.separator'),
  };
  return (
    <div className="settings-section">
      <div className="setting-row">
        <div className="setting-label">{t('settings.theme')}</div>
        <div>
          <div className="theme-swatches" role="radiogroup" aria-label={t('settings.theme')}>
            {Object.entries(THEMES).map(([id, preset]) => (
              <button key={id} type="button" role="radio" aria-checked={presetId === id} className={presetId === id ? 'theme-swatch selected' : 'theme-swatch'} onClick={() => setTheme(preset)}>
                <span className="swatch" style={{ background: `linear-gradient(90deg, ${preset.sidebarBg} 40%, ${preset.centerChannelBg} 40%)` }} />
                {preset.type}
              </button>
            ))}
          </div>
          <details className="custom-theme" open={presetId === 'custom'}>
            <summary>{t('settings.customTheme')}</summary>
            <div className="color-grid">
              {CUSTOM_KEYS.map((key) => (
                <label key={key} className="color-field">
                  <input type="color" value={theme[key]} onChange={(e) => setTheme({ ...theme, [key]: e.target.value, type: 'custom' })} />
                  <span>{customLabels[key]}</span>
                </label>
              ))}
            </div>
          </details>
        </div>
      </div>
      <div className="setting-row">
        <div className="setting-label">{t('settings.clock')}</div>
        <Choice name={t('settings.clock')} value={clock} options={[['false', t('settings.clock12')], ['true', t('settings.clock24')]]} onChange={(v) => save('display_settings', 'use_military_time', v)} />
      </div>
      <div className="setting-row">
        <div className="setting-label">{t('settings.messageDisplay')}</div>
        <Choice name={t('settings.messageDisplay')} value={display} options={[['clean', t('settings.standard')], ['compact', t('settings.compact')]]} onChange={(v) => save('display_settings', 'message_display', v)} />
      </div>
      <LinkPreviewSetting />
      {crtConfig !== 'disabled' && crtConfig !== 'always_on' && (
        <div className="setting-row">
          <div className="setting-label">{t('settings.crt')}</div>
          <Choice name={t('settings.crt')} value={crt ? 'on' : 'off'} options={[['on', t('settings.on')], ['off', t('settings.off')]]} onChange={(v) => save('display_settings', 'collapsed_reply_threads', v)} />
        </div>
      )}
    </div>
  );
}
