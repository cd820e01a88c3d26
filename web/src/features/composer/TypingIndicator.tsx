import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';
import { typingKey } from '../../realtime/typing';
import { useT } from '../../i18n/useT';

export function TypingIndicator({ channelId, rootId }: { channelId: string; rootId: string }) {
  const t = useT();
  const names = useStore(
    useShallow((s) => Object.keys(s.typing[typingKey(channelId, rootId)] ?? {}).map((id) => s.users[id]?.username ?? '').filter(Boolean)),
  );
  let text = '';
  if (names.length === 1) text = t('typing.one', { name: names[0] });
  else if (names.length === 2) text = t('typing.two', { first: names[0], second: names[1] });
  else if (names.length > 2) text = t('typing.many');
  return (
    <div className="typing-indicator" aria-live="polite">
      {text}
    </div>
  );
}
