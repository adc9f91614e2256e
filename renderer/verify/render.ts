import type { PackageVerification, VerifyProgress } from '../../shared/package/verify';

/** Builds an element with text content only: nothing from a package is ever parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; attrs?: Record<string, string> } = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className !== undefined) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

export function progressView(label: string): {
  root: HTMLElement;
  update(p: VerifyProgress): void;
} {
  const status = el('p', { text: 'Reading the package…', attrs: { 'aria-live': 'polite' } });
  const bar = el('progress', { attrs: { max: '1', value: '0', 'aria-label': 'Progress' } });
  const root = el('section', { className: 'panel', attrs: { 'aria-busy': 'true' } }, [
    el('h2', { text: `Checking ${label}` }),
    status,
    bar,
  ]);
  return {
    root,
    update(p) {
      bar.max = Math.max(1, p.total);
      bar.value = Math.min(p.done, p.total);
      status.textContent =
        p.check === 'fixity'
          ? `Hashing every file: ${formatBytes(p.done)} of ${formatBytes(p.total)}`
          : `Step: ${p.check}`;
    },
  };
}

function row(cells: readonly (Node | string)[]): HTMLTableRowElement {
  return el(
    'tr',
    {},
    cells.map((c) => el('td', {}, [c])),
  );
}

function table(
  caption: string,
  headers: readonly string[],
  widths: readonly string[],
  rows: readonly HTMLTableRowElement[],
): HTMLTableElement {
  return el('table', {}, [
    el('caption', { className: 'visually-hidden', text: caption }),
    el(
      'colgroup',
      {},
      widths.map((w) => el('col', { attrs: { style: `width:${w}` } })),
    ),
    el('thead', {}, [
      el(
        'tr',
        {},
        headers.map((h) => el('th', { text: h, attrs: { scope: 'col' } })),
      ),
    ]),
    el('tbody', {}, rows),
  ]);
}

function definitions(pairs: readonly [string, string | Node][]): HTMLDListElement {
  return el(
    'dl',
    {},
    pairs.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, [v])]),
  );
}

const mono = (text: string) => el('span', { className: 'mono', text });

/** The verification result: verdict first, then every check, the findings, and what was read. */
export function resultView(label: string, result: PackageVerification): HTMLElement {
  const failed = result.checks.filter((c) => c.status === 'fail').length;
  const verdict = result.valid
    ? el('div', {
        className: 'verdict pass',
        text: `Valid: every check passed for ${label}.`,
        attrs: { role: 'status' },
      })
    : el('div', {
        className: 'verdict fail',
        text: `Not valid: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} in ${failed} check${failed === 1 ? '' : 's'} of ${label}.`,
        attrs: { role: 'alert' },
      });

  const checks = table(
    'Checks',
    ['Result', 'Check', 'What was found'],
    ['6.5rem', '30%', 'auto'],
    result.checks.map((c) =>
      row([el('span', { className: `status ${c.status}`, text: c.status }), c.title, c.detail]),
    ),
  );

  const findings =
    result.findings.length === 0
      ? el('p', { className: 'muted', text: 'No findings.' })
      : table(
          'Findings',
          ['Code', 'File', 'What'],
          ['30%', '30%', 'auto'],
          result.findings.map((f) => row([mono(f.code), mono(f.file), f.message])),
        );

  const s = result.summary;
  const anchors =
    s.anchors.length === 0
      ? 'none'
      : el(
          'div',
          {},
          s.anchors.map((a) => el('div', {}, [a.subject, el('br'), mono(`SHA-256 ${a.sha256}`)])),
        );
  const summary = definitions([
    ['Package', s.packageId ?? 'unknown'],
    ['Case number', s.caseNumber ?? 'unknown'],
    ['Form', s.form],
    ['Files', `${s.files} (${formatBytes(s.bytes)})`],
    ['Manifest SHA-256', s.manifestSha256 === null ? 'unknown' : mono(s.manifestSha256)],
    [
      'Custody ledger',
      s.ledger === null
        ? 'unknown'
        : el('span', {}, [`${s.ledger.records} records, root `, mono(s.ledger.root)]),
    ],
    [
      'Signed by',
      s.signer === null
        ? 'unknown'
        : el('span', {}, [s.signer.subject, el('br'), mono(`SHA-256 ${s.signer.sha256}`)]),
    ],
    ['Trust anchors used', anchors],
  ]);

  return el('section', {}, [
    verdict,
    el('h2', { text: 'Checks' }),
    checks,
    el('h2', { text: 'Findings' }),
    findings,
    el('h2', { text: 'What was read' }),
    el('div', { className: 'panel' }, [
      summary,
      el('p', {
        className: 'muted',
        text: 'A package cannot vouch for itself: compare the trust anchor fingerprints above with the fingerprint the examining lab publishes or gave you separately.',
      }),
    ]),
  ]);
}
