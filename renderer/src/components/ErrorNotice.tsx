export interface ErrorNoticeProps {
  readonly title: string;
  readonly message: string;
  readonly code?: string | undefined;
}

/** A failure, said plainly, with its code for the record. */
export function ErrorNotice({ title, message, code }: ErrorNoticeProps) {
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}</strong>
      <p>{message}</p>
      {code !== undefined && <p className="notice-code">Code: {code}</p>}
    </div>
  );
}
