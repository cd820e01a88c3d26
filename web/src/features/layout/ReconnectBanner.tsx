import { useStore } from '../../store/store';
import { useT } from '../../i18n/useT';

export function ReconnectBanner() {
  const t = useT();
  const connection = useStore((s) => s.connection);
  if (connection !== 'reconnecting') return null;
  return (
    <div className="reconnect-banner" role="status" aria-live="polite">
      <span className="spinner small" /> {t('connection.reconnecting')}
    </div>
  );
}
