import type { WorkspaceBatchValue } from '../../../shared/contracts';
import type { WirePage } from '../../../shared/workspace';
import { BridgeError, getApi, unwrap } from '../bridge';

/** Events asked for per `workspace:next` call (main answers with whole pages up to this many). */
export const FEED_EVENTS_PER_CALL = 20_000;

/**
 * One artefact's pages from main (`workspace:open` → `workspace:next`… → `workspace:close`), built
 * by main's parse worker in the store's own encoding, for `importPages`. One call is kept in
 * flight ahead: main parses and transfers the next pages while these are written.
 */
export async function* pagesFromMain(
  caseId: string,
  artefact: string,
  cancel: { readonly current: boolean },
): AsyncGenerator<WirePage[]> {
  const api = getApi();
  const { stream } = await unwrap(api.workspace.open({ id: caseId, artefact }));
  let done = false;
  const pull = (): Promise<WorkspaceBatchValue> =>
    unwrap(api.workspace.next({ stream, max: FEED_EVENTS_PER_CALL }));
  let pending: Promise<WorkspaceBatchValue> | null = pull();
  try {
    while (!done && pending !== null) {
      if (cancel.current) throw new BridgeError('CANCELLED', 'the timeline build was cancelled');
      const batch: WorkspaceBatchValue = await pending;
      done = batch.done;
      pending = done ? null : pull();
      if (batch.pages.length > 0) yield batch.pages;
    }
  } finally {
    // A read-ahead still in flight is settled before the stream closes.
    await pending?.catch(() => undefined);
    if (!done) await api.workspace.close({ stream });
  }
}
