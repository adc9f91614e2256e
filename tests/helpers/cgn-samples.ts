/**
 * A tiny CGN scenario shared by the attribution tests: two subscribers (alice, bob) behind one
 * public address 192.0.2.10 with port blocks 1024–1535 and 1536–2047, held from
 * 2024-03-05T12:28:48Z (epoch-time-64 0x65e71000) to 13:28:48Z (0x65e71e10), and their RADIUS
 * sessions (11:26:40Z to 13:23:20Z).
 */
export const CGN_LOG = [
  'RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="100.64.0.7" block-used="1" block-max-per-host="8" block-port-low="1024" block-port-high="1535" reflexive-ip="192.0.2.10" nat-pool-name="p" logical-system-id="0" epoch-time-64="65e71000"]',
  'RT_NAT - RT_SRC_NAT_PBA_ALLOC [internal-ip="100.64.0.8" block-used="1" block-max-per-host="8" block-port-low="1536" block-port-high="2047" reflexive-ip="192.0.2.10" nat-pool-name="p" logical-system-id="0" epoch-time-64="65e71000"]',
  'RT_NAT - RT_SRC_NAT_PBA_RELEASE [internal-ip="100.64.0.7" block-used="0" block-max-per-host="8" block-port-low="1024" block-port-high="1535" reflexive-ip="192.0.2.10" nat-pool-name="p" logical-system-id="0" epoch-time-64="65e71e10"]',
  'RT_NAT - RT_SRC_NAT_PBA_RELEASE [internal-ip="100.64.0.8" block-used="0" block-max-per-host="8" block-port-low="1536" block-port-high="2047" reflexive-ip="192.0.2.10" nat-pool-name="p" logical-system-id="0" epoch-time-64="65e71e10"]',
  '',
].join('\n');

const record = (type: string, user: string, ip: string, id: string, epoch: number) =>
  `Tue Mar  5 12:00:00 2024\n\tAcct-Status-Type = ${type}\n\tUser-Name = "${user}"\n\tFramed-IP-Address = ${ip}\n\tAcct-Session-Id = "${id}"\n\tNAS-IP-Address = 192.0.2.1\n\tTimestamp = ${epoch}\n\n`;

export const RADIUS_DETAIL =
  record('Start', 'alice', '100.64.0.7', 'a1', 1709638000) +
  record('Start', 'bob', '100.64.0.8', 'b1', 1709638000) +
  record('Stop', 'alice', '100.64.0.7', 'a1', 1709645000) +
  record('Stop', 'bob', '100.64.0.8', 'b1', 1709645000);

/** Port 1100 → alice (unique); no port → alice and bob (ambiguous); 08:00 → before any record. */
export const OBSERVATIONS_CSV =
  'ip,port,time\n192.0.2.10,1100,2024-03-05T13:00:00Z\n192.0.2.10,,2024-03-05T13:00:00Z\n192.0.2.10,1100,2024-03-05T08:00:00Z\n';
