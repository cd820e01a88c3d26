import { useState } from 'react';
import type { Post } from '@mattermost/types/posts';
import { getState } from '../../store/store';
import { errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { Modal } from '../../ui/Modal';
import { customReminderTime, REMINDER_CHOICES, reminderTime, setReminder, type ReminderChoice } from './reminders';

const pad = (n: number): string => String(n).padStart(2, '0');
const dateField = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const timeField = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** "Remind me": the quick choices, or a date and time of one's own. */
export function RemindDialog({ post, onClose }: { post: Post; onClose: () => void }) {
  const t = useT();
  const labels: Record<ReminderChoice, string> = {
    minutes30: t('remind.minutes30'), hour1: t('remind.hour1'), hours2: t('remind.hours2'), tomorrow: t('remind.tomorrow'),
  };
  const suggested = reminderTime('tomorrow');
  const [date, setDate] = useState(dateField(suggested));
  const [time, setTime] = useState(timeField(suggested));
  const [error, setError] = useState('');
  const remind = async (at: Date | undefined): Promise<void> => {
    const me = getState().me;
    if (!me) return;
    if (!at || at.getTime() <= Date.now()) {
      setError(t('remind.past'));
      return;
    }
    try {
      await setReminder(me.id, post.id, at);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title={t('remind.dialogTitle')}
      onClose={onClose}
      width={400}
      className="remind-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>{t('remind.cancel')}</button>
          <button type="submit" form="remind-custom" className="button primary">{t('remind.set')}</button>
        </>
      }
    >
      <div className="remind-choices" role="group" aria-label={t('actions.remind')}>
        {REMINDER_CHOICES.map((choice) => (
          <button key={choice} type="button" className="button" onClick={() => void remind(reminderTime(choice))}>
            {labels[choice]}
          </button>
        ))}
      </div>
      <form
        id="remind-custom"
        className="remind-custom"
        onSubmit={(e) => {
          e.preventDefault();
          void remind(customReminderTime(date, time));
        }}
      >
        <label>
          {t('remind.date')}
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('remind.time')}
          <input type="time" value={time} required onChange={(e) => setTime(e.target.value)} />
        </label>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
