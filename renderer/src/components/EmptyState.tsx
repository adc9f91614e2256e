import type { ReactNode } from 'react';

export interface EmptyStateProps {
  readonly title: string;
  readonly children: ReactNode;
}

/** An honest empty screen: what will appear here, and what to do next. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
    </section>
  );
}
