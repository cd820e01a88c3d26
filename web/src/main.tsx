import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n/I18nProvider';
import { listenToHistory } from './router/navigate';
import { boot } from './store/actions/session';
import { persistDrafts } from './store/drafts';
import './styles/app.css';
import './styles/mobile.css';

listenToHistory();
persistDrafts();
void boot();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
