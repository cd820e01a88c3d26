import { useEffect, type ReactNode } from 'react';
import { navigate } from '../../router/navigate';
import { useStore } from '../../store/store';
import { findTeamByName } from '../../store/selectors';
import { useT, type Translate } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { availableSections, canCreateBots, canUseAccessTokens, integrationsUrl, type IntegrationSection } from './access';
import { useMyPermissions } from './permissions';
import { IncomingWebhooks } from './IncomingWebhooks';
import { OutgoingWebhooks } from './OutgoingWebhooks';
import { SlashCommands } from './SlashCommands';
import { Bots } from './Bots';
import { OAuthApps } from './OAuthApps';
import '../../styles/admin.css';
import '../../styles/integrations.css';

function sectionLabel(t: Translate, section: IntegrationSection): string {
  switch (section) {
    case 'incoming_webhooks': return t('integrations.incoming.title');
    case 'outgoing_webhooks': return t('integrations.outgoing.title');
    case 'commands': return t('integrations.commands.title');
    case 'bots': return t('integrations.bots.title');
    case 'oauth2-apps': return t('integrations.oauth.title');
  }
}

/** Mattermost's /:team/integrations/<section>: the sections this user may manage, in the console's shell. */
export function IntegrationsPage({ teamName, section }: { teamName: string; section: string }) {
  const t = useT();
  const team = useStore((s) => findTeamByName(s, teamName));
  const config = useStore((s) => s.config);
  const siteName = config.SiteName || 'Parley';
  const permissions = useMyPermissions(team?.id ?? '');
  const sections = permissions ? availableSections(config, permissions) : [];
  const current = sections.find((s) => s === section);
  const home = team ? `/${team.name}` : '/';
  const first = sections[0];

  useEffect(() => {
    document.title = `${t('integrations.title')} | ${siteName}`;
  }, [t, siteName]);
  useEffect(() => {
    if (!team) navigate('/', { replace: true });
    else if (permissions && !current && first) navigate(integrationsUrl(team.name, first), { replace: true });
  }, [team, permissions, current, first]);

  let page: ReactNode = null;
  if (team && permissions) {
    switch (current) {
      case 'incoming_webhooks': page = <IncomingWebhooks teamId={team.id} />; break;
      case 'outgoing_webhooks': page = <OutgoingWebhooks teamId={team.id} />; break;
      case 'commands': page = <SlashCommands teamId={team.id} />; break;
      case 'bots': page = <Bots canCreate={canCreateBots(config, permissions)} canUseTokens={canUseAccessTokens(config, permissions)} />; break;
      case 'oauth2-apps': page = <OAuthApps permissions={permissions} />; break;
      default:
        page = sections.length === 0 && <div className="admin-page"><p className="empty">{t('integrations.nothing')}</p></div>;
    }
  }

  return (
    <div className="admin-console integrations-page">
      <header className="top-bar admin-top-bar">
        <div className="top-bar-left">
          <span className="brand">
            <img src="/favicon.svg" alt="" width={22} height={22} />
            <span>{t('integrations.title')}</span>
          </span>
        </div>
        <a
          className="admin-back"
          href={home}
          onClick={(e) => {
            e.preventDefault();
            navigate(home);
          }}
        >
          <Icon name="chevronRight" size={14} className="admin-back-icon" />
          {t('admin.backToTeam', { team: team?.display_name ?? '' })}
        </a>
      </header>
      <div className="admin-body">
        <nav className="admin-sidebar" aria-label={t('integrations.title')}>
          <section className="admin-nav-group">
            <h2>{t('integrations.title')}</h2>
            <ul>
              {team && sections.map((s) => (
                <li key={s}>
                  <a
                    href={integrationsUrl(team.name, s)}
                    className={s === current ? 'admin-nav-item active' : 'admin-nav-item'}
                    aria-current={s === current ? 'page' : undefined}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(integrationsUrl(team.name, s));
                    }}
                  >
                    {sectionLabel(t, s)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </nav>
        <main className="admin-main">{page}</main>
      </div>
    </div>
  );
}
