import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session } from 'electron';
import { version } from '../../package.json';
import { PROGRESS_EVENT } from '../../shared/contracts';
import { createHandlers, registerHandlers } from '../ipc';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../ipc/sender';
import { CaseService } from '../services/cases';
import { ExaminerSession } from '../services/session';
import { serveAppFile } from './app-protocol';
import { hardenContents, hardenSession } from './harden';
import { menuTemplate } from './menu';
import { mainWindowOptions } from './window-options';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'preload.cjs');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(preloadPath));
  hardenContents(mainWindow.webContents);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

export async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    return serveAppFile(rendererRoot, request.url);
  });

  const cases = new CaseService({
    casesRoot: process.env['SEALCASE_CASES_DIR'] ?? join(app.getPath('userData'), 'cases'),
    now: () => new Date(),
    uuid: randomUUID,
    toolVersion: version,
  });
  const examiner = new ExaminerSession();
  app.on('before-quit', () => examiner.lock());
  registerHandlers(
    ipcMain,
    createHandlers({
      cases,
      session: examiner,
      // Beside the cases: <userData>/profiles, or <SEALCASE_CASES_DIR>/.profiles when that is set.
      ...(process.env['SEALCASE_CASES_DIR'] === undefined
        ? { profilesDir: join(app.getPath('userData'), 'profiles') }
        : {}),
      progress: (event) => mainWindow?.webContents.send(PROGRESS_EVENT, event),
      pickEvidence: async () => {
        const options = {
          title: 'Choose evidence to acquire',
          properties: ['openFile' as const, 'openDirectory' as const, 'multiSelections' as const],
        };
        const result =
          mainWindow === null
            ? await dialog.showOpenDialog(options)
            : await dialog.showOpenDialog(mainWindow, options);
        return result.canceled ? [] : result.filePaths;
      },
      pickIdentityFile: async () => {
        const options = {
          title: 'Choose your examiner identity',
          properties: ['openFile' as const],
          filters: [{ name: 'PKCS#12 identity', extensions: ['p12', 'pfx'] }],
        };
        const result =
          mainWindow === null
            ? await dialog.showOpenDialog(options)
            : await dialog.showOpenDialog(mainWindow, options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      pickPackage: async (kind) => {
        const options =
          kind === 'zip'
            ? {
                title: 'Open a signed package (zip)',
                properties: ['openFile' as const],
                filters: [{ name: 'Sealcase package', extensions: ['zip'] }],
              }
            : { title: 'Open a signed package (folder)', properties: ['openDirectory' as const] };
        const result =
          mainWindow === null
            ? await dialog.showOpenDialog(options)
            : await dialog.showOpenDialog(mainWindow, options);
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      versions: {
        app: version,
        electron: process.versions.electron ?? null,
        chromium: process.versions.chrome ?? null,
        node: process.versions.node,
      },
    }),
  );

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, 'Sealcase')));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

void start();
