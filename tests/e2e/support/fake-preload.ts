import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { dispatch, createHandlers } from '../../../electron/ipc';
import { CaseService } from '../../../electron/services/cases';
import { ExaminerSession } from '../../../electron/services/session';
import { buildBridge, CHANNELS } from '../../../shared/contracts';

export interface Workbench {
  /** The temp folder the real case service writes into. */
  readonly casesRoot: string;
  /** Every channel the page called, in order, with the envelope it got back. */
  readonly calls: { channel: unknown; ok: boolean; code?: string }[];
  /** What the (fake) native file picker answers next. */
  pickPath: string | null;
  /** What the (fake) evidence picker answers next. */
  pickEvidence: string[];
  /** What the (fake) package picker (folder or zip) answers next. */
  pickPackage: string | null;
  /** Progress events main sent to the window, in order. */
  readonly progress: unknown[];
}

/**
 * The fake preload: `window.sealcase` built by the preload's own `buildBridge`, with `invoke`
 * bound through `page.exposeBinding` to the same handler table main registers, over a real
 * `CaseService` on a temp folder.
 */
async function installBridge(page: Page, workbench: Workbench): Promise<void> {
  const handlers = createHandlers({
    cases: new CaseService({
      casesRoot: workbench.casesRoot,
      now: () => new Date(),
      uuid: randomUUID,
      toolVersion: '0.0.0-e2e',
    }),
    versions: { app: '0.0.0-e2e', electron: null, chromium: null, node: process.versions.node },
    session: new ExaminerSession(),
    pickIdentityFile: async () => workbench.pickPath,
    pickEvidence: async () => workbench.pickEvidence,
    pickPackage: async () => workbench.pickPackage,
    // main's webContents.send(PROGRESS_EVENT, …): delivered to the page's onProgress listeners.
    progress: (event) => {
      workbench.progress.push(event);
      page
        .evaluate(
          (e) =>
            (
              window as unknown as { __sealcaseProgress?: (e: unknown) => void }
            ).__sealcaseProgress?.(e),
          event,
        )
        .catch(() => undefined);
    },
  });
  await page.exposeBinding(
    '__sealcaseInvoke',
    async (_source, channel: unknown, payload: unknown) => {
      const result = await dispatch(handlers, channel, payload);
      workbench.calls.push(
        result.ok ? { channel, ok: true } : { channel, ok: false, code: result.error.code },
      );
      return result;
    },
  );
  const script = `(() => {
    const listeners = new Set();
    const api = (${buildBridge.toString()})(
      ${JSON.stringify(CHANNELS)},
      (channel, request) => window.__sealcaseInvoke(channel, request),
      (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    );
    Object.defineProperty(window, 'sealcase', { value: api, writable: false, configurable: false });
    Object.defineProperty(window, '__sealcaseProgress', {
      value: (event) => listeners.forEach((listener) => listener(event)),
      enumerable: false,
    });
  })();`;
  await page.addInitScript({ content: script });
}

export const test = base.extend<{ workbench: Workbench }>({
  workbench: async ({ page }, use) => {
    const casesRoot = await mkdtemp(join(tmpdir(), 'sealcase-e2e-'));
    const workbench: Workbench = {
      casesRoot,
      calls: [],
      pickPath: null,
      pickEvidence: [],
      pickPackage: null,
      progress: [],
    };
    await installBridge(page, workbench);
    await use(workbench);
    await rm(casesRoot, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
