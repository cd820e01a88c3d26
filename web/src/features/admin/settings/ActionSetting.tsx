import { useState, type ReactNode } from 'react';
import { serverError } from '../../../api/client';

type Outcome = { ok: true; message: string } | { ok: false; message: string } | null;

interface Props {
  label: string;
  button: string;
  busy: string;
  help?: string;
  /** does the work; resolves with the text that says it worked, or rejects with the server's error */
  run: () => Promise<string>;
  disabled?: boolean;
  /** shown beside the outcome, e.g. the state of a job the action started */
  children?: ReactNode;
}

/** One console row with a button that calls the server (test a connection, start a sync) and shows its answer. */
export function ActionSetting({ label, button, busy, help, run, disabled, children }: Props) {
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const click = async (): Promise<void> => {
    setRunning(true);
    setOutcome(null);
    try {
      setOutcome({ ok: true, message: await run() });
    } catch (err) {
      setOutcome({ ok: false, message: serverError(err).message });
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="setting">
      <span className="setting-label">{label}</span>
      <div className="setting-control">
        <div className="setting-inline">
          <button type="button" className="button" disabled={running || disabled} onClick={() => void click()}>
            {running ? busy : button}
          </button>
          {outcome?.ok && outcome.message && (
            <span className="form-ok" role="status">
              {outcome.message}
            </span>
          )}
          {outcome && !outcome.ok && (
            <span className="form-error" role="alert">
              {outcome.message}
            </span>
          )}
        </div>
        {children}
        {help && <p className="setting-help">{help}</p>}
      </div>
    </div>
  );
}
