import { client } from '../../api/client';

/** `POST /users/{id}/posts/{id}/reminder`, which Client4 has no method for (doFetch keeps auth and CSRF). */
interface Fetching { doFetch: <T>(url: string, options: { method: string; body?: string }) => Promise<T> }
const fetching = client as unknown as Fetching;

export type ReminderChoice = 'minutes30' | 'hour1' | 'hours2' | 'tomorrow';

export const REMINDER_CHOICES: readonly ReminderChoice[] = ['minutes30', 'hour1', 'hours2', 'tomorrow'];

const MINUTE = 60_000;

/** When a quick choice falls, from `now`: "tomorrow" is 9:00 the next day in the browser's (the user's) time zone. */
export function reminderTime(choice: ReminderChoice, now: Date = new Date()): Date {
  if (choice === 'minutes30') return new Date(now.getTime() + 30 * MINUTE);
  if (choice === 'hour1') return new Date(now.getTime() + 60 * MINUTE);
  if (choice === 'hours2') return new Date(now.getTime() + 120 * MINUTE);
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
}

/** The local date and time fields of a custom reminder, as `<input type="date">` and `type="time"` give them. */
export function customReminderTime(date: string, time: string): Date | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !clock) return undefined;
  return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(clock[1]), Number(clock[2]), 0, 0);
}

/** Sets the current user's reminder; the server confirms it with an ephemeral post in the channel. */
export async function setReminder(userId: string, postId: string, at: Date): Promise<void> {
  await fetching.doFetch(`${client.getUserRoute(userId)}/posts/${postId}/reminder`, {
    method: 'post', body: JSON.stringify({ target_time: Math.floor(at.getTime() / 1000) }),
  });
}
