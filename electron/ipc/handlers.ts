import type { Channel, ParsedRequestOf, ResponseOf } from '../../shared/contracts';
import type { CaseService } from '../services/cases';
import { custodyReport } from '../services/custody';
import { readArtefacts } from '../services/intake';

export type Handler<C extends Channel> = (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
/** One handler per channel; the mapped type makes a missing one a compile error. */
export type HandlerTable = { readonly [C in Channel]: Handler<C> };

export interface RuntimeVersions {
  readonly app: string;
  readonly electron: string | null;
  readonly chromium: string | null;
  readonly node: string;
}

export interface Services {
  readonly cases: CaseService;
  readonly versions: RuntimeVersions;
}

/**
 * The handler table main registers with `ipcMain.handle`, and the end-to-end tests bind to the
 * page with `exposeBinding`. Plain Node: it never imports `electron`.
 */
export function createHandlers(services: Services): HandlerTable {
  return {
    'app:info': async () => ({
      name: 'Sealcase',
      version: services.versions.app,
      electron: services.versions.electron,
      chromium: services.versions.chromium,
      node: services.versions.node,
      casesRoot: services.cases.casesRoot,
    }),
    'case:list': async () => services.cases.list(),
    'case:create': async (request) => services.cases.create(request),
    'case:open': async (request) => services.cases.open(request.id),
    'artefacts:list': async (request) => {
      const detail = await services.cases.open(request.id);
      const { records, problems } = await readArtefacts(detail.path);
      return { artefacts: records, problems };
    },
    'custody:verify': async (request) => {
      const detail = await services.cases.open(request.id);
      return custodyReport(detail.path, new Date());
    },
  };
}
