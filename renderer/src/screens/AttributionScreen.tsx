import { EmptyState } from '../components/EmptyState';

export function AttributionScreen() {
  return (
    <EmptyState title="No attribution runs yet">
      <p>
        Attribution will take observations (IP address, source port, time) and follow them through
        CGN/NAT and RADIUS/DHCP records to the ISP account holder, listing every candidate and the
        reasons for any doubt. It names an account holder, never a person.
      </p>
      <p className="muted">It needs parsed observations and ISP records in this case first.</p>
    </EmptyState>
  );
}
