import { useState } from 'react';
import { type BridgeClient, userMessage } from '../api/bridge-client';

/** Settings → Logs: where the log is, and a button that shows its folder. */
export function LogsSection({ client }: { client: BridgeClient }) {
  const [feedback, setFeedback] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const open = async () => {
    setFeedback(undefined);
    try {
      const answer = await client.invoke('openLogsFolder');
      if (answer.opened) setFeedback({ kind: 'ok', text: `Opened ${answer.folder ?? 'the logs folder'}.` });
      else setFeedback({ kind: 'error', text: answer.message ?? 'The logs folder could not be opened.' });
    } catch (err) {
      setFeedback({ kind: 'error', text: userMessage(err) });
    }
  };
  return (
    <div className="card">
      <h2 className="card-title">Logs</h2>
      <p className="muted">
        When something goes wrong, Picky Tray writes what it was doing to a log file. It never contains your tokens or
        license keys.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void open()}>
          Open logs folder
        </button>
      </div>
      {feedback ? (
        <p
          className={feedback.kind === 'ok' ? 'field-ok' : 'field-error'}
          role={feedback.kind === 'ok' ? 'status' : 'alert'}
        >
          {feedback.text}
        </p>
      ) : null}
    </div>
  );
}
