import { lazy, Suspense } from 'react';

const ChangePasswordForm = lazy(() => import('./ChangePasswordForm'));

export interface ChangePasswordModalProps {
  open: boolean;
  /** The password was issued by an administrator and must be changed before anything else. */
  forced: boolean;
  onClose(): void;
}

/** Loads the form (and its validation rules) only when it is opened. */
export function ChangePasswordModal(props: ChangePasswordModalProps) {
  if (!props.open) return null;
  return (
    <Suspense fallback={null}>
      <ChangePasswordForm {...props} />
    </Suspense>
  );
}
