import { setState } from '../store/store';

const TYPING_MS = 6000;

export const typingKey = (channelId: string, rootId: string): string => `${channelId}:${rootId}`;

export function userTyped(channelId: string, rootId: string, userId: string): void {
  const key = typingKey(channelId, rootId);
  const until = Date.now() + TYPING_MS;
  setState((s) => ({ typing: { ...s.typing, [key]: { ...s.typing[key], [userId]: until } } }));
  setTimeout(() => expire(key, userId, until), TYPING_MS + 50);
}

export function userStoppedTyping(channelId: string, rootId: string, userId: string): void {
  for (const key of new Set([typingKey(channelId, rootId), typingKey(channelId, '')])) expire(key, userId, Infinity);
}

function expire(key: string, userId: string, until: number): void {
  setState((s) => {
    const users = s.typing[key];
    if (!users || users[userId] === undefined || users[userId] > until) return {};
    const next = { ...users };
    delete next[userId];
    return { typing: { ...s.typing, [key]: next } };
  });
}
