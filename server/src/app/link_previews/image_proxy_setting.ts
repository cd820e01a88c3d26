import type { ConfigDocument } from '../../config/document/compose.js';

/** Whether clients should send pictures through the proxy (the client config's HasImageProxy); only `local` is built. */
export function imageProxyEnabled(document: ConfigDocument): boolean {
  return document.ImageProxySettings.Enable === true && document.ImageProxySettings.ImageProxyType === 'local';
}
