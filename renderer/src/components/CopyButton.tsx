import { useEffect, useState } from 'react';

/** Copies `value` with the async clipboard API and says so for a moment. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [result, setResult] = useState<'copied' | 'failed'>();
  useEffect(() => {
    if (!result) return;
    const timer = window.setTimeout(() => setResult(undefined), 1800);
    return () => window.clearTimeout(timer);
  }, [result]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  };
  return (
    <button type="button" className="button small" aria-label={`Copy ${label}`} onClick={() => void copy()}>
      {result === 'copied' ? 'Copied' : result === 'failed' ? 'Could not copy' : 'Copy'}
    </button>
  );
}
