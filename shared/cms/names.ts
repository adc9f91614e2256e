import type { Certificate } from 'pkijs';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** One-line subject as written in the certificate, e.g. `CN=Ann Tamm, O=Lab`. */
export function subjectOf(cert: Certificate): string {
  return cert.subject.typesAndValues
    .map((tv) => {
      const name = SHORT_NAMES[tv.type] ?? tv.type;
      const block = (tv.value as { valueBlock?: { value?: unknown } }).valueBlock;
      const text = typeof block?.value === 'string' ? block.value : '#?';
      return `${name}=${text}`;
    })
    .join(', ');
}
