/**
 * Minimal stand-ins for web globals that the mini-program runtime lacks but
 * @trpc/client and @tanstack/react-query reference. Injected only into the weapp
 * build through webpack's ProvidePlugin (config/index.ts, mini.webpackChain);
 * the H5 build uses the browser's own.
 */

type AbortListener = (event: { type: 'abort' }) => void;

class MiniAbortSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: AbortListener | null = null;
  private listeners: AbortListener[] = [];

  addEventListener(type: string, listener: AbortListener, options?: { once?: boolean } | boolean): void {
    if (type !== 'abort') return;
    const once = typeof options === 'object' && options?.once;
    if (once) {
      const wrapped: AbortListener = (event) => {
        this.removeEventListener('abort', wrapped);
        listener(event);
      };
      this.listeners.push(wrapped);
    } else {
      this.listeners.push(listener);
    }
  }

  removeEventListener(type: string, listener: AbortListener): void {
    if (type !== 'abort') return;
    this.listeners = this.listeners.filter((l) => l !== listener);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** @internal */
  _abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const event = { type: 'abort' as const };
    this.onabort?.(event);
    for (const listener of [...this.listeners]) listener(event);
  }
}

class MiniAbortController {
  readonly signal = new MiniAbortSignal();

  abort(reason?: unknown): void {
    const error = reason ?? Object.assign(new Error('请求已取消'), { name: 'AbortError' });
    this.signal._abort(error);
  }
}

/** Nothing in the mini-program is ever a FormData or a Blob; these exist so `instanceof` checks work. */
class MiniFormData {}
class MiniBlob {}

export { MiniAbortController as AbortController, MiniBlob as Blob, MiniFormData as FormData };
