import { useStore } from '../../../store/store';

/** Only system admins change permissions; the other console roles see them read-only. */
export function useCanEditPermissions(): boolean {
  return useStore((s) => (s.me?.roles ?? '').split(' ').includes('system_admin'));
}
