import type { ReactNode } from 'react';
import { navigate } from '../router/navigate';

/** A link to a page of the app: followed in place, without reloading; a real href for opening elsewhere. */
export function AppLink({ to, className = 'link', children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <a href={to} className={className} onClick={(e) => { e.preventDefault(); navigate(to); }}>
      {children}
    </a>
  );
}
