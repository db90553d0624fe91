// What this window's web view can show, asked of the desk once (issue 19): WebKitGTK (Linux)
// shows no PDF inside a page, so PDFs go to the system's viewer there.
import { api } from './api';

export const platform = $state<{ pdfInWindow: boolean }>({ pdfInWindow: true });

let asked = false;

/** Asks once; until the answer comes, a PDF is shown in the window as before. */
export function askPlatform(): void {
  if (asked) return;
  asked = true;
  void api.pdfInWindow().then((shows) => (platform.pdfInWindow = shows)).catch(() => {});
}
