import { useState, type FormEvent } from 'react';

export interface CreateCaseValues {
  readonly number: string;
  readonly title: string;
  readonly authority: string;
}

export interface CreateCaseFormProps {
  readonly busy: boolean;
  readonly onSubmit: (values: CreateCaseValues) => void;
  readonly onCancel?: (() => void) | undefined;
}

/** The new-case form. Validation of record happens in main; this only prevents empty submits. */
export function CreateCaseForm({ busy, onSubmit, onCancel }: CreateCaseFormProps) {
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState('');
  const [authority, setAuthority] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ number, title, authority });
  };

  return (
    <form className="form" onSubmit={submit} aria-label="New case">
      <div className="field">
        <label htmlFor="case-number">Case number</label>
        <input
          id="case-number"
          name="number"
          required
          maxLength={64}
          autoComplete="off"
          placeholder="e.g. 2026/0417"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="case-title">Title</label>
        <input
          id="case-title"
          name="title"
          required
          maxLength={200}
          autoComplete="off"
          placeholder="e.g. Account takeover, webmail provider"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="case-authority">
          Legal authority <span className="muted">(optional)</span>
        </label>
        <textarea
          id="case-authority"
          name="authority"
          rows={3}
          maxLength={2000}
          placeholder="Warrant, production order or consent, with its reference"
          value={authority}
          onChange={(e) => setAuthority(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create case'}
        </button>
        {onCancel !== undefined && (
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
