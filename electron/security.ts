/**
 * The desktop shell's trust decisions as plain functions (no 'electron' import, so they are
 * tested in Node): which URLs are the app's own pages, and which IPC senders may call the backend.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://renderer`;

/** A URL of the app's own renderer (app://renderer/…); anything else (file:, http:, another host, junk) is not. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'renderer' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * May this IPC sender call the backend? Only the app's own page, in the top frame of a window
 * (never a sub-frame, never a page from another origin or file://, never a destroyed frame).
 */
export function isTrustedSender(frame: { url: string; isTopFrame: boolean } | null | undefined): boolean {
  return !!frame && frame.isTopFrame && isAppUrl(frame.url);
}
