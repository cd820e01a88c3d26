import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageId } from './en';

export type Translate = (id: MessageId, values?: Record<string, string | number | Date>) => string;

/** Every user-visible string goes through here; ids are checked against the English catalogue at compile time. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values), [intl]);
}
