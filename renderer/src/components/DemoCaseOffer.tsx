import type { ProgressEventValue } from '../../../shared/contracts';

/**
 * The demo examiner's passphrase, shown so the analyst can sign in. It protects nothing: the
 * demo's identity is public. Main's `DEMO_PASSPHRASE` (electron/services/demo) is the source; the
 * end-to-end test checks that this screen shows that very value.
 */
export const DEMO_PASSPHRASE_SHOWN = 'sealcase-demo';

/** Words for the stages `case:createDemo` reports. */
const PHASES: Readonly<Record<string, string>> = {
  identity: 'Preparing the demo examiner (a lab CA and its examiner certificate)',
  case: 'Creating the case and its signed custody ledger',
  intake: 'Acquiring the five samples into the vault',
  parse: 'Parsing each sample and signing the decision',
  attribution: 'Attributing the observations through CGN, RADIUS and the ISP reply',
  ledger: 'Verifying the custody ledger',
};

export interface DemoCaseOfferProps {
  /** Heading level 2 on an empty workspace's screen, 3 inside the empty state. */
  readonly headingLevel: 2 | 3;
  /** The button's words: "Open the demo case" on a first start, "Add the demo case" later. */
  readonly action: string;
  readonly busy: boolean;
  readonly progress: ProgressEventValue | null;
  readonly onCreate: () => void;
  readonly onCancel?: () => void;
}

/** What the demo case holds, how to sign in as its examiner, and the button that builds it. */
export function DemoCaseOffer(p: DemoCaseOfferProps) {
  const Heading = p.headingLevel === 2 ? 'h2' : 'h3';
  const phase = p.progress?.phase ?? null;
  const total = p.progress?.total ?? null;
  return (
    <section className="demo-offer" aria-labelledby="demo-offer-heading">
      <Heading id="demo-offer-heading">Explore with the demo case</Heading>
      <p>
        The demo case holds one story from built-in, synthetic samples: a complaint email whose
        sender sits behind carrier-grade NAT, the webmail provider&apos;s access log with source
        ports, the CGN&apos;s port-block log, RADIUS accounting and the ISP&apos;s reply. Each
        sample is acquired, parsed and attributed, and every step is signed by a demo examiner.
      </p>
      <p>
        To work on it — add bookmarks, export a signed package, verify it — sign in with{' '}
        <span className="mono">demo-examiner.p12</span> from the{' '}
        <span className="mono">demo-identity</span> folder in the cases folder, passphrase{' '}
        <span className="mono">{DEMO_PASSPHRASE_SHOWN}</span>. The demo identity protects nothing;
        never sign real evidence with it.
      </p>
      {p.busy ? (
        <div className="progress-block" role="status" aria-live="polite">
          <label htmlFor="demo-progress" className="small">
            Building the demo case: {phase === null ? 'Starting…' : (PHASES[phase] ?? phase)}
            {p.progress?.item == null ? '' : ` (${p.progress.item.name})`}
            {total === null || total === 0 ? '' : ` — step ${p.progress?.done ?? 0} of ${total}`}
          </label>
          {total === null || total === 0 ? (
            <progress id="demo-progress" />
          ) : (
            <progress id="demo-progress" max={total} value={p.progress?.done ?? 0} />
          )}
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" onClick={p.onCreate}>
            {p.action}
          </button>
          {p.onCancel !== undefined && (
            <button type="button" onClick={p.onCancel}>
              Close
            </button>
          )}
        </div>
      )}
    </section>
  );
}
