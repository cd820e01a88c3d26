import { safeColor, type SsoButton } from './sso';

/** The single sign-on buttons under a login or sign-up form: plain links, since the server starts the provider's flow. */
export function SsoLinks({ buttons, label }: { buttons: SsoButton[]; label: string }) {
  if (buttons.length === 0) return null;
  return (
    <nav className="auth-sso" aria-label={label}>
      <p className="auth-sso-divider" aria-hidden="true">{label}</p>
      {buttons.map((button) => {
        const color = safeColor(button.color);
        return (
          <a key={button.id} className={`button wide sso-button sso-${button.id}`} href={button.href} style={color ? { background: color, borderColor: color, color: '#fff' } : undefined}>
            {button.text}
          </a>
        );
      })}
    </nav>
  );
}
