import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client';

/** A form that asks the server to mail a link to an address (password reset, email verification). */
export function useEmailLinkRequest(send: (address: string) => Promise<unknown>, initialEmail = '') {
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const address = email.trim();
    setBusy(true);
    setError('');
    try {
      await send(address);
      setSentTo(address);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return { email, setEmail, sentTo, error, busy, submit };
}
