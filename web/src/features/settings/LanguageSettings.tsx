import { errorMessage } from '../../api/client';
import { useStore } from '../../store/store';
import { patchMe } from '../../store/actions/users';
import { LOCALES } from '../../i18n/I18nProvider';
import { useT } from '../../i18n/useT';
import { showToast } from '../layout/Toast';

export function LanguageSettings() {
  const t = useT();
  const locale = useStore((s) => s.me?.locale || 'en');
  return (
    <div className="settings-section">
      <label className="setting-row">
        <span className="setting-label">{t('settings.languageLabel')}</span>
        <select value={locale} onChange={(e) => void patchMe({ locale: e.target.value }).catch((err: unknown) => showToast(errorMessage(err)))}>
          {LOCALES.map((l) => (
            <option key={l.id} value={l.id}>{l.name}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
