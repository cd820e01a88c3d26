import { useT } from '../../i18n/useT';
import { useStore } from '../../store/store';
import { canUseAccessTokens } from '../integrations/access';
import { useMyPermissions } from '../integrations/permissions';
import { AccessTokens } from '../integrations/AccessTokens';
import '../../styles/integrations.css';

/** Security: personal access tokens, when the server allows them and my roles may create them (as Mattermost). */
export function AccessTokenSettings() {
  const t = useT();
  const me = useStore((s) => s.me);
  const config = useStore((s) => s.config);
  const permissions = useMyPermissions('');
  if (!me || !permissions || !canUseAccessTokens(config, permissions)) return null;
  return (
    <section aria-label={t('tokens.title')}>
      <h4>{t('tokens.title')}</h4>
      <p className="muted-text">{t('tokens.intro')}</p>
      <AccessTokens userId={me.id} />
    </section>
  );
}
