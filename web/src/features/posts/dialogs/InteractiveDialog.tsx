import { useState } from 'react';
import type { DialogSubmission, SubmitDialogResponse } from '@mattermost/types/integrations';
import { client, errorMessage } from '../../../api/client';
import { useT, type Translate } from '../../../i18n/useT';
import { Modal } from '../../../ui/Modal';
import { renderMarkdown } from '../../markdown/markdown';
import { externalImageSrc } from '../../previews/image_proxy';
import { safeHttpUrl } from '../../previews/embed';
import { closeDialog, useDialogState } from './dialog_state';
import { dialogProblems, initialValues, submission, type DialogValue, type FieldProblem } from './dialog_values';
import { DialogField, useDialogTeam } from './DialogField';
import '../../../styles/interactive.css';

function describe(t: Translate, problem: FieldProblem): string {
  switch (problem.kind) {
    case 'required': return t('interactive.dialog.required');
    case 'minLength': return t('interactive.dialog.minLength', { min: problem.min });
    case 'maxLength': return t('interactive.dialog.maxLength', { max: problem.max });
    case 'email': return t('interactive.dialog.email');
    case 'number': return t('interactive.dialog.number');
    case 'url': return t('interactive.dialog.url');
    case 'tel': return t('interactive.dialog.tel');
  }
}

/** Mounted once: shows the dialog an integration opened (the `open_dialog` event), if any. */
export function InteractiveDialogHost() {
  const open = useDialogState((s) => s.open);
  if (!open) return null;
  // A new dialog (another trigger) starts from its own defaults.
  return <InteractiveDialog key={open.request.trigger_id} {...open} />;
}

type OpenDialog = NonNullable<ReturnType<typeof useDialogState.getState>['open']>;

function InteractiveDialog({ request, channelId, teamId }: OpenDialog) {
  const t = useT();
  const { dialog, url } = request;
  const elements = dialog.elements ?? [];
  const team = useDialogTeam(channelId, teamId);
  const [values, setValues] = useState<Record<string, DialogValue>>(() => initialValues(elements));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [generalError, setGeneralError] = useState('');
  const [busy, setBusy] = useState(false);

  const send = (body: Omit<DialogSubmission, 'user_id'>): Promise<SubmitDialogResponse> =>
    // The server names the submitter itself.
    client.submitInteractiveDialog({ ...body, user_id: '' });

  const cancel = () => {
    closeDialog();
    if (dialog.notify_on_cancel) {
      void send({ url, callback_id: dialog.callback_id ?? '', state: dialog.state ?? '', channel_id: channelId, team_id: team, submission: {}, cancelled: true }).catch(() => undefined);
    }
  };

  const submit = async () => {
    const problems = dialogProblems(elements, values);
    setErrors(Object.fromEntries(Object.entries(problems).map(([name, problem]) => [name, describe(t, problem)])));
    setGeneralError('');
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const answer = await send({
        url, callback_id: dialog.callback_id ?? '', state: dialog.state ?? '', channel_id: channelId, team_id: team,
        submission: submission(elements, values) as DialogSubmission['submission'], cancelled: false,
      });
      const fieldErrors = answer.errors ?? {};
      if (answer.error || Object.keys(fieldErrors).length > 0) {
        setErrors(fieldErrors);
        setGeneralError(answer.error ?? '');
        return;
      }
      closeDialog();
    } catch (err) {
      setGeneralError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const icon = safeHttpUrl(dialog.icon_url);
  return (
    <Modal
      title={dialog.title}
      onClose={cancel}
      className="interactive-dialog"
      footer={(
        <>
          {generalError && <div className="dialog-general-error" role="alert">{generalError}</div>}
          <button type="button" className="button" onClick={cancel}>{t('common.cancel')}</button>
          <button type="submit" form="interactive-dialog-form" className="button primary" disabled={busy}>{dialog.submit_label || t('interactive.dialog.submit')}</button>
        </>
      )}
    >
      <form
        id="interactive-dialog-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {icon && <img className="dialog-icon" src={externalImageSrc(icon)} alt="" width={36} height={36} referrerPolicy="no-referrer" />}
        {dialog.introduction_text && <div className="dialog-intro markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(dialog.introduction_text) }} />}
        {elements.map((element) => (
          <DialogField
            key={element.name} element={element} value={values[element.name]} error={errors[element.name]} teamId={team}
            onChange={(value) => setValues((v) => ({ ...v, [element.name]: value }))}
          />
        ))}
      </form>
    </Modal>
  );
}
