// One piece of work at a time on a screen: busy while it runs (its buttons disabled), then
// its error — in the person's words, naming the field — or its notice. Written once here
// instead of in every form.
import { toErrorDto } from './api';
import type { ErrorDto } from './bindings/ErrorDto';

export class Work {
  busy = $state(false);
  error = $state<ErrorDto | null>(null);
  notice = $state('');

  /**
   * Runs `job` unless work is already running; the text it returns (if any) becomes the
   * notice, a failure the error (`failed` may then clear what must not stay, a password).
   * Returns whether it succeeded.
   */
  async run(job: () => Promise<string | void>, failed?: () => void): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    this.notice = '';
    try {
      this.notice = (await job()) ?? '';
      return true;
    } catch (reason) {
      this.error = toErrorDto(reason);
      failed?.();
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** An error found outside `run`: a field the screen checks itself, a load that failed. */
  fail(error: ErrorDto): void {
    this.error = error;
    this.notice = '';
  }
}
