import { useState } from 'react';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { AccountSettings } from './AccountSettings';
import { DisplaySettings } from './DisplaySettings';
import { SidebarSettings } from './SidebarSettings';
import { NotificationSettings } from './NotificationSettings';
import { LanguageSettings } from './LanguageSettings';

const TABS = ['account', 'display', 'sidebar', 'notifications', 'language'] as const;
type Tab = (typeof TABS)[number];

export function SettingsModal({ onClose, initialTab }: { onClose: () => void; initialTab?: string }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>((TABS as readonly string[]).includes(initialTab ?? '') ? (initialTab as Tab) : 'account');
  const labels: Record<Tab, string> = {
    account: t('settings.account'),
    display: t('settings.display'),
    sidebar: t('settings.sidebar'),
    notifications: t('settings.notifications'),
    language: t('settings.language'),
  };
  return (
    <Modal title={t('settings.title')} onClose={onClose} width={820} className="settings-modal">
      <div className="settings-layout">
        <nav className="settings-tabs" role="tablist" aria-label={t('settings.title')}>
          {TABS.map((id) => (
            <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} className={tab === id ? 'settings-tab active' : 'settings-tab'} onClick={() => setTab(id)}>
              {labels[id]}
            </button>
          ))}
        </nav>
        <section className="settings-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          <h3>{labels[tab]}</h3>
          {tab === 'account' && <AccountSettings />}
          {tab === 'display' && <DisplaySettings />}
          {tab === 'sidebar' && <SidebarSettings />}
          {tab === 'notifications' && <NotificationSettings />}
          {tab === 'language' && <LanguageSettings />}
        </section>
      </div>
    </Modal>
  );
}
