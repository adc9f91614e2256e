import { EmptyState } from '../components/EmptyState';

export function TimelineScreen() {
  return (
    <EmptyState title="No events to show yet">
      <p>
        The timeline will show every parsed record of this case on one UTC axis, with the raw
        timestamp and how its time zone was known beside each row. Events appear here once artefacts
        have been acquired and parsed.
      </p>
    </EmptyState>
  );
}
