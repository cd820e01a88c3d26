import type { AdminConfig } from '@mattermost/types/config';
import { client } from '../../../api/client';
import { useT } from '../../../i18n/useT';
import { ActionSetting } from './ActionSetting';
import type { ConfigDocument } from './configPath';

/** "Send test email": POST /email/test with the form's current, unsaved values, and the server's answer. */
export function TestEmail({ draft }: { draft: ConfigDocument }) {
  const t = useT();
  return (
    <ActionSetting
      label={t('admin.smtp.test')}
      button={t('admin.smtp.testButton')}
      busy={t('admin.smtp.testSending')}
      help={t('admin.smtp.testHelp')}
      run={async () => {
        await client.testEmail(draft as AdminConfig);
        return t('admin.smtp.testSent');
      }}
    />
  );
}
