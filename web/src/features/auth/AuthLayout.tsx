import type { ReactNode } from 'react';
import { useStore } from '../../store/store';

export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const siteName = useStore((s) => s.config.SiteName) || 'Parley';
  return (
    <main className="auth-page">
      <div className="auth-brand">
        <img src="/favicon.svg" alt="" width={40} height={40} />
        <span>{siteName}</span>
      </div>
      <section className="auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        <p className="auth-subtitle">{subtitle}</p>
        {children}
      </section>
    </main>
  );
}

/** PasswordSettings.MinimumLength as the client config reports it (the server checks it too). */
export function usePasswordMinimum(): number {
  return Number(useStore((s) => s.config.PasswordMinimumLength) || 8);
}
