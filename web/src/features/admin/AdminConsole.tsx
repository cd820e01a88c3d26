import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { navigate } from '../../router/navigate';
import { useStore } from '../../store/store';
import { useT, type Translate } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { adminSections } from './sections';
import { groupSections, resolveSection } from './resolve';
import { ConsoleLink, consoleUrl } from './ui';
import '../../styles/admin.css';

const DEFAULT_SECTION = 'reporting/system_analytics';

/** Sidebar headings: Mattermost's group names, translated where the catalogue has them. */
function groupLabel(t: Translate, group: string): string {
  switch (group) {
    case 'Reporting': return t('admin.group.reporting');
    case 'User Management': return t('admin.group.userManagement');
    case 'Permissions': return t('admin.group.permissions');
    case 'Environment': return t('admin.group.environment');
    case 'Site Configuration': return t('admin.group.siteConfiguration');
    case 'Authentication': return t('admin.group.authentication');
    case 'Integrations': return t('admin.group.integrations');
    case 'Compliance': return t('admin.group.compliance');
    case 'Advanced': return t('admin.group.advanced');
    default: return group;
  }
}

/** Where "back" goes: the team last open, else the first of mine. */
function useHomePath(): { path: string; teamName: string } {
  return useStore(useShallow((s) => {
    const team = s.teams[s.currentTeamId] ?? s.teams[s.myTeamIds[0]];
    return team ? { path: `/${team.name}`, teamName: team.display_name } : { path: '/select_team', teamName: '' };
  }));
}

/** The System Console at /admin_console/<section path>/<subpath>: grouped sidebar, the section's page, the way back to chat. */
export function AdminConsole({ subpath }: { subpath: string }) {
  const t = useT();
  const siteName = useStore((s) => s.config.SiteName) || 'Parley';
  const home = useHomePath();
  const resolved = resolveSection(adminSections, subpath);
  const empty = subpath.replace(/\/+$/, '') === '';

  useEffect(() => {
    if (empty) navigate(consoleUrl(DEFAULT_SECTION), { replace: true });
  }, [empty]);
  useEffect(() => {
    document.title = `${t('admin.console')} | ${siteName}`;
  }, [t, siteName]);

  const Page = resolved?.section.component;
  return (
    <div className="admin-console">
      <header className="top-bar admin-top-bar">
        <div className="top-bar-left">
          <span className="brand">
            <img src="/favicon.svg" alt="" width={22} height={22} />
            <span>{t('admin.console')}</span>
          </span>
        </div>
        <a
          className="admin-back"
          href={home.path}
          onClick={(e) => {
            e.preventDefault();
            navigate(home.path);
          }}
        >
          <Icon name="chevronRight" size={14} className="admin-back-icon" />
          {home.teamName ? t('admin.backToTeam', { team: home.teamName }) : t('admin.backToChat')}
        </a>
      </header>
      <div className="admin-body">
        <nav className="admin-sidebar" aria-label={t('admin.console')}>
          {groupSections(adminSections).map(({ group, sections }) => (
            <section key={group} className="admin-nav-group">
              <h2>{groupLabel(t, group)}</h2>
              <ul>
                {sections.map((section) => {
                  const current = resolved?.section === section;
                  return (
                    <li key={section.path}>
                      <ConsoleLink to={section.path} className={current ? 'admin-nav-item active' : 'admin-nav-item'} current={current}>
                        {section.label?.(t) ?? section.title}
                      </ConsoleLink>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </nav>
        <main className="admin-main">
          {Page && resolved ? (
            <Page key={resolved.section.path} subpath={resolved.subpath} />
          ) : (
            !empty && (
              <div className="admin-page">
                <p className="form-error" role="alert">{t('admin.notFound')}</p>
              </div>
            )
          )}
        </main>
      </div>
    </div>
  );
}
