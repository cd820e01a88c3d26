import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Icon, type IconName } from './icons';

export interface MenuItem {
  label: string;
  icon?: IconName;
  onSelect: () => void;
  danger?: boolean;
  hidden?: boolean;
}

interface MenuProps {
  label: string;
  trigger: ReactNode;
  items: MenuItem[];
  align?: 'left' | 'right';
  className?: string;
  onOpenChange?: (open: boolean) => void;
}

/** A button with a dropdown menu (arrow keys move, Esc closes, click outside closes). */
export function Menu({ label, trigger, items, align = 'left', className, onOpenChange }: MenuProps) {
  const [open, setOpenState] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const setOpen = (value: boolean): void => {
    setOpenState(value);
    onOpenChange?.(value);
  };
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent): void => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('mousedown', close);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  const visible = items.filter((i) => !i.hidden);
  return (
    <div className={`menu-root ${className ?? ''}`} ref={root}>
      <button
        type="button"
        className="menu-trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={label}
        title={label}
        onClick={() => setOpen(!open)}
      >
        {trigger}
      </button>
      {open && (
        <div
          className={`menu menu-${align}`}
          role="menu"
          aria-label={label}
          onKeyDown={(e) => {
            const buttons = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
            const index = buttons.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              root.current?.querySelector<HTMLElement>('.menu-trigger')?.focus();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              buttons[(index + 1) % buttons.length]?.focus();
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              buttons[(index - 1 + buttons.length) % buttons.length]?.focus();
            }
          }}
        >
          {visible.map((item) => (
            <button
              type="button"
              role="menuitem"
              key={item.label}
              className={item.danger ? 'menu-item danger' : 'menu-item'}
              onClick={() => {
                setOpen(false);
                // The item disappears with the menu: focus goes back to the trigger first, so a dialog the item
                // opens returns focus there when it closes.
                root.current?.querySelector<HTMLElement>('.menu-trigger')?.focus();
                item.onSelect();
              }}
            >
              {item.icon && <Icon name={item.icon} size={16} />}
              <span>{item.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
