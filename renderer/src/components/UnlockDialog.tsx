import { useEffect, useRef, useState, type FormEvent } from 'react';

export interface UnlockDialogProps {
  readonly open: boolean;
  readonly busy: boolean;
  readonly error: { readonly message: string; readonly code?: string | undefined } | null;
  readonly path: string;
  readonly onPathChange: (path: string) => void;
  readonly onChoose: () => void;
  readonly onUnlock: (passphrase: string) => void;
  readonly onCancel: () => void;
}

/**
 * Signs the examiner in: the identity file and its passphrase. The passphrase lives only in this
 * form's state until it is sent to main once; the key never comes back.
 */
export function UnlockDialog(props: UnlockDialogProps) {
  const { open, busy, error, path, onPathChange, onChoose, onUnlock, onCancel } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const [passphrase, setPassphrase] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onUnlock(passphrase);
    // Sent once; the field does not keep it.
    setPassphrase('');
  };
  const cancel = () => {
    setPassphrase('');
    onCancel();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="unlock-heading"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      <form className="form" onSubmit={submit}>
        <h2 id="unlock-heading">Sign in as examiner</h2>
        <p className="muted small">
          Records you make are signed with your identity (a PKCS#12 file). The key stays in
          Sealcase's main process and is dropped when you lock or quit.
        </p>
        {error !== null && (
          <div className="notice notice-error" role="alert">
            <strong>Not signed in</strong>
            <p>{error.message}</p>
            {error.code !== undefined && <p className="notice-code">Code: {error.code}</p>}
          </div>
        )}
        <div className="field">
          <label htmlFor="identity-path">Identity file</label>
          <div className="input-row">
            <input
              id="identity-path"
              className="mono"
              required
              autoComplete="off"
              value={path}
              onChange={(e) => onPathChange(e.target.value)}
              placeholder="/path/to/examiner.p12"
            />
            <button type="button" onClick={onChoose} disabled={busy}>
              Choose…
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="identity-passphrase">Passphrase</label>
          <input
            id="identity-passphrase"
            type="password"
            required
            autoComplete="off"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
