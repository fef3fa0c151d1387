import { describeError, isSessionExpired, needsIdentity, needsPasswordChange } from './errors';

/**
 * The one place every failed query and mutation goes through (wired into the
 * React Query caches in `trpc.ts`). What it does is injected at start-up
 * (`configureErrorHandler`) so this module has no React or router in it.
 */
export interface ErrorHandlerDeps {
  showError(message: string): void;
  /** Go to the login page, keeping where the user was. */
  toLogin(): void;
  /** Go to the identity (grant) chooser. */
  toIdentity(): void;
}

let deps: ErrorHandlerDeps = {
  showError: (m) => console.error(m),
  toLogin: () => {},
  toIdentity: () => {},
};

export function configureErrorHandler(next: ErrorHandlerDeps): void {
  deps = next;
}

export function handleGlobalError(error: unknown, opts: { silent?: boolean } = {}): void {
  const info = describeError(error);
  if (isSessionExpired(info)) {
    deps.toLogin();
    return;
  }
  if (needsIdentity(info)) {
    deps.toIdentity();
    return;
  }
  if (needsPasswordChange(info)) return;
  if (!opts.silent) deps.showError(info.message);
}
