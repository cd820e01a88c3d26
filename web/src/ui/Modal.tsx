import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from './icons';
import { useT } from '../i18n/useT';
import { trapFocus } from './focusTrap';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
  className?: string;
}

/**
 * The element that had focus before a dialog opened, read while the dialog first renders: by the time effects run,
 * an `autoFocus` field inside has already taken focus.
 */
function useOpener(): HTMLElement | null {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  return opener;
}

/** Dialog: focus moves in on open and stays inside (Tab cycles), Esc closes, focus returns to the opener. */
export function Modal({ title, onClose, children, footer, width = 520, className }: ModalProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const opener = useOpener();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.contains(document.activeElement)) {
      const first = dialog.querySelector<HTMLElement>('[autofocus], input, textarea, select, button:not(.modal-close)');
      (first ?? dialog).focus();
    }
    const release = trapFocus(dialog);
    return () => {
      release();
      // The opener may be gone (a menu item); then focus stays wherever the page puts it.
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  return createPortal(
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        style={{ width }}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="modal-header">
          <h2>{title}</h2>
          <button type="button" className="icon-button modal-close" onClick={onClose} aria-label={t('common.close')}>
            <Icon name="close" />
          </button>
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
