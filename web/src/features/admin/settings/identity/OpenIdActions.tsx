import { useT } from '../../../../i18n/useT';
import type { ConfigDocument, ConfigPath } from '../configPath';
import { readSetting } from '../configPath';
import type { PageWidgetProps } from '../page';
import { ActionSetting } from '../ActionSetting';
import { testSso, type SsoService } from './api';

/** Each provider's section of the config document (Mattermost keeps one section per provider). */
export const SSO_SECTIONS = {
  gitlab: 'GitLabSettings',
  google: 'GoogleSettings',
  office365: 'Office365Settings',
  openid: 'OpenIdSettings',
} as const satisfies Record<SsoService, keyof ConfigDocument>;

const SERVICES = Object.keys(SSO_SECTIONS) as SsoService[];
export const SSO_ENABLE_PATHS = SERVICES.map((s) => `${SSO_SECTIONS[s]}.Enable` as ConfigPath);

/** The provider the form has turned on (Mattermost lets one be on at a time on this page), or null. */
export function chosenProvider(config: ConfigDocument): SsoService | null {
  return SERVICES.find((s) => readSetting(config, `${SSO_SECTIONS[s]}.Enable` as ConfigPath) === true) ?? null;
}

/** "Select service provider": turns the chosen one's Enable on and every other's off; the fields follow. */
export function OpenIdProvider({ draft, change, disabled }: PageWidgetProps) {
  const t = useT();
  const current = chosenProvider(draft) ?? '';
  const labels: Record<SsoService | '', string> = {
    '': t('admin.openid.none'),
    gitlab: t('admin.openid.gitlab'),
    google: t('admin.openid.google'),
    office365: t('admin.openid.office365'),
    openid: t('admin.openid.other'),
  };
  return (
    <div className="setting">
      <label className="setting-label" htmlFor="setting-sso-provider">
        {t('admin.openid.provider')}
      </label>
      <div className="setting-control">
        <select
          id="setting-sso-provider"
          value={current}
          disabled={disabled}
          aria-describedby="setting-sso-provider-help"
          onChange={(e) => {
            for (const s of SERVICES) change(`${SSO_SECTIONS[s]}.Enable` as ConfigPath, s === e.target.value);
          }}
        >
          {(['', ...SERVICES] as const).map((s) => (
            <option key={s} value={s}>
              {labels[s]}
            </option>
          ))}
        </select>
        <p className="setting-help" id="setting-sso-provider-help">
          {t('admin.openid.providerHelp')}
        </p>
      </div>
    </div>
  );
}

/** "Test connection": Parley's POST /sso/{service}/test with the chosen provider's unsaved section. */
export function OpenIdTest({ draft }: PageWidgetProps) {
  const t = useT();
  const service = chosenProvider(draft);
  if (!service) return null;
  return (
    <ActionSetting
      label={t('admin.openid.test')}
      button={t('admin.openid.testButton')}
      busy={t('admin.openid.testing')}
      help={t('admin.openid.testHelp')}
      run={async () => {
        await testSso(service, draft[SSO_SECTIONS[service]]);
        return t('admin.openid.testOk');
      }}
    />
  );
}
