import { describe, expect, it } from 'vitest';
import { customReminderTime, reminderTime } from '../src/features/posts/reminders';

/** The post menu's reminder choices, in the browser's local time (the user's time zone). */
describe('reminder times', () => {
  const now = new Date(2026, 2, 14, 22, 40, 0);

  it('adds 30 minutes, 1 hour and 2 hours', () => {
    expect(reminderTime('minutes30', now).getTime() - now.getTime()).toBe(30 * 60_000);
    expect(reminderTime('hour1', now).getTime() - now.getTime()).toBe(60 * 60_000);
    expect(reminderTime('hours2', now).getTime() - now.getTime()).toBe(120 * 60_000);
  });

  it('puts "tomorrow" at 9:00 local time the next day, across a month end', () => {
    expect(reminderTime('tomorrow', now)).toEqual(new Date(2026, 2, 15, 9, 0, 0));
    expect(reminderTime('tomorrow', new Date(2026, 0, 31, 8, 0))).toEqual(new Date(2026, 1, 1, 9, 0, 0));
  });

  it('reads the custom date and time fields, and refuses malformed ones', () => {
    expect(customReminderTime('2026-12-24', '18:30')).toEqual(new Date(2026, 11, 24, 18, 30, 0));
    expect(customReminderTime('24.12.2026', '18:30')).toBeUndefined();
    expect(customReminderTime('2026-12-24', '')).toBeUndefined();
  });
});
