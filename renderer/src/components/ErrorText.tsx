// One error as a person reads it: the headline with its likely fix, and the technical part (status codes,
// addresses, the server's own words) folded behind "Details" for whoever asks.
import type { ErrorInfo } from '../../../app/core/errors';

export function ErrorDetails({ error }: { error: ErrorInfo }) {
  if (!error.detail) return null;
  return (
    <details className="error-details">
      <summary>Details</summary>
      <p>{error.detail}</p>
    </details>
  );
}

export function ErrorText({
  error,
  id,
  className,
  role,
}: {
  error: ErrorInfo;
  id?: string;
  className?: string;
  role?: 'alert' | 'status';
}) {
  return (
    <div id={id} className={className} role={role}>
      <p>{error.message}</p>
      <ErrorDetails error={error} />
    </div>
  );
}
