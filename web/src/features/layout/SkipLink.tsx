import { useT } from '../../i18n/useT';
import '../../styles/a11y.css';

/** First control of the page, shown only when focused: jumps over the sidebars and messages to the message box. */
export function SkipLink() {
  const t = useT();
  return (
    <a
      className="skip-link"
      href="#message-box"
      onClick={(e) => {
        e.preventDefault();
        const box = document.querySelector<HTMLElement>('.center .composer textarea') ?? document.querySelector<HTMLElement>('main.center');
        if (box && box.tabIndex < 0 && !box.hasAttribute('tabindex')) box.tabIndex = -1;
        box?.focus();
      }}
    >
      {t('a11y.skipToComposer')}
    </a>
  );
}
