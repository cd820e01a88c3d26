import { useEffect } from 'react';
import { setState, useStore } from '../../store/store';

export function showToast(message: string): void {
  setState({ toast: message });
}

export function Toast() {
  const toast = useStore((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setState({ toast: '' }), 3500);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast) return null;
  return (
    <div className="toast" role="status" aria-live="polite">
      {toast}
    </div>
  );
}
