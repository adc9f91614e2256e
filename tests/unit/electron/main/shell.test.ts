import fc from 'fast-check';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/main/csp';
import { mainWindowOptions } from '../../../../electron/main/window-options';
import { CHANNELS, type Result } from '../../../../shared/contracts';
import { tempDir } from '../../../helpers/temp-dir';

/**
 * A fake of the parts of `electron` that electron/main/main.ts uses (DESIGN.md "Testing on
 * machines without an Electron binary"). Every call is recorded in `fx` so tests can look at what
 * the shell did at start-up.
 */
const fx = vi.hoisted(() => {
  type Fn = (...args: never[]) => unknown;
  type Listeners = Map<string, Fn[]>;
  const addListener = (map: Listeners, name: string, fn: Fn): void => {
    map.set(name, [...(map.get(name) ?? []), fn]);
  };

  class FakeWebContents {
    readonly listeners: Listeners = new Map();
    windowOpenHandler: Fn | null = null;
    on(name: string, fn: Fn): this {
      addListener(this.listeners, name, fn);
      return this;
    }
    setWindowOpenHandler(fn: Fn): void {
      this.windowOpenHandler = fn;
    }
  }

  const state = {
    lock: true,
    windows: [] as FakeBrowserWindow[],
    appListeners: new Map() as Listeners,
    ipcHandlers: new Map<string, Fn>(),
    protocolHandlers: new Map<string, Fn>(),
    permissionRequestHandler: null as Fn | null,
    permissionCheckHandler: null as Fn | null,
    devicePermissionHandler: null as Fn | null,
    headersListener: null as Fn | null,
    FakeWebContents,
  };

  class FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    readonly listeners: Listeners = new Map();
    readonly loadURL = vi.fn((_url: string) => Promise.resolve());
    readonly show = vi.fn();
    constructor(
      readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>,
    ) {
      state.windows.push(this);
    }
    on(name: string, fn: Fn): this {
      addListener(this.listeners, name, fn);
      return this;
    }
    once(name: string, fn: Fn): this {
      return this.on(name, fn);
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
    static getAllWindows(): FakeBrowserWindow[] {
      return state.windows;
    }
  }

  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => state.lock),
      quit: vi.fn(),
      whenReady: vi.fn(() => Promise.resolve()),
      getPath: vi.fn((name: string) => `/nonexistent/${name}`),
      on: vi.fn((name: string, fn: Fn) => addListener(state.appListeners, name, fn)),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, fn: Fn) => {
        state.ipcHandlers.set(channel, fn);
      }),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((scheme: string, fn: Fn) => {
        state.protocolHandlers.set(scheme, fn);
      }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn((fn: Fn) => {
          state.permissionRequestHandler = fn;
        }),
        setPermissionCheckHandler: vi.fn((fn: Fn) => {
          state.permissionCheckHandler = fn;
        }),
        setDevicePermissionHandler: vi.fn((fn: Fn) => {
          state.devicePermissionHandler = fn;
        }),
        webRequest: {
          onHeadersReceived: vi.fn((fn: Fn) => {
            state.headersListener = fn;
          }),
        },
      },
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
  };

  const reset = (): void => {
    state.lock = true;
    state.windows.length = 0;
    state.appListeners.clear();
    state.ipcHandlers.clear();
    state.protocolHandlers.clear();
    state.permissionRequestHandler = null;
    state.permissionCheckHandler = null;
    state.devicePermissionHandler = null;
    state.headersListener = null;
    vi.clearAllMocks();
  };

  return { state, electron, reset };
});

vi.mock('electron', () => ({ ...fx.electron, default: fx.electron }));

type AnyFn = (...args: unknown[]) => unknown;
const asFn = (fn: unknown): AnyFn => {
  expect(typeof fn).toBe('function');
  return fn as AnyFn;
};
const listener = (map: Map<string, unknown[]>, name: string): AnyFn => {
  const fns = map.get(name) ?? [];
  expect(fns.length, `listeners of ${name}`).toBeGreaterThan(0);
  return asFn(fns[fns.length - 1]);
};

const trustedFrame = { url: 'sealcase://app/index.html', parent: null };
const MAIN = '../../../../electron/main/main';

describe('electron/main/main.ts start-up (electron mocked)', () => {
  let casesDir: string;
  let cleanup: () => Promise<void>;
  const previousEnv = process.env['SEALCASE_CASES_DIR'];

  beforeAll(async () => {
    ({ path: casesDir, cleanup } = await tempDir());
    process.env['SEALCASE_CASES_DIR'] = casesDir;
    fx.reset();
    vi.resetModules();
    await import(MAIN);
    await vi.waitFor(() => expect(fx.state.windows).toHaveLength(1));
  });

  afterAll(async () => {
    if (previousEnv === undefined) delete process.env['SEALCASE_CASES_DIR'];
    else process.env['SEALCASE_CASES_DIR'] = previousEnv;
    await cleanup();
  });

  function window() {
    const win = fx.state.windows[0];
    if (win === undefined) throw new Error('no window');
    return win;
  }

  it('asks for the single-instance lock and creates exactly one window', () => {
    expect(fx.electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(fx.electron.app.quit).not.toHaveBeenCalled();
    expect(fx.state.windows).toHaveLength(1);
  });

  it('creates the window with the hardened webPreferences and the preload bundle', () => {
    const prefs = window().options.webPreferences ?? {};
    expect(prefs['contextIsolation']).toBe(true);
    expect(prefs['sandbox']).toBe(true);
    expect(prefs['nodeIntegration']).toBe(false);
    expect(prefs['nodeIntegrationInWorker']).toBe(false);
    expect(prefs['nodeIntegrationInSubFrames']).toBe(false);
    expect(prefs['webSecurity']).toBe(true);
    expect(prefs['allowRunningInsecureContent']).toBe(false);
    expect(prefs['webviewTag']).toBe(false);
    expect(prefs['disableBlinkFeatures']).toBe('Auxclick');
    expect(String(prefs['preload'])).toMatch(/[\\/]preload\.cjs$/);
  });

  it('loads the app page from sealcase://app and shows the window only when ready', () => {
    const win = window();
    expect(win.loadURL).toHaveBeenCalledWith('sealcase://app/index.html');
    expect(win.options['show']).toBe(false);
    expect(win.show).not.toHaveBeenCalled();
    listener(win.listeners, 'ready-to-show')();
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('registers the sealcase scheme as privileged and serves only the app host', async () => {
    expect(fx.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'sealcase' }),
    ]);
    const handler = asFn(fx.state.protocolHandlers.get('sealcase'));
    const response = (await handler({ url: 'sealcase://elsewhere/index.html' })) as Response;
    expect(response.status).toBe(404);
  });

  it('registers every channel of the contract once with ipcMain.handle', () => {
    const channels = fx.electron.ipcMain.handle.mock.calls.map((call) => call[0]);
    expect([...channels].sort()).toEqual([...CHANNELS].sort());
  });

  it('the registered handler refuses a foreign frame with FORBIDDEN_SENDER and changes nothing', async () => {
    const handler = asFn(fx.state.ipcHandlers.get('case:create'));
    const result = (await handler(
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { number: 'EVIL-1', title: 'From elsewhere' },
    )) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await readdir(casesDir)).toEqual([]);
  });

  it('the registered handlers serve the trusted frame from the SEALCASE_CASES_DIR folder', async () => {
    const info = (await asFn(fx.state.ipcHandlers.get('app:info'))(
      { senderFrame: trustedFrame },
      {},
    )) as Result<{ casesRoot: string }>;
    expect(info).toMatchObject({ ok: true, value: { casesRoot: casesDir } });
    expect(fx.electron.app.getPath).not.toHaveBeenCalled();

    const created = (await asFn(fx.state.ipcHandlers.get('case:create'))(
      { senderFrame: trustedFrame },
      { number: 'SHELL-1', title: 'Through the shell' },
    )) as Result<unknown>;
    expect(created.ok).toBe(true);
    expect(await readdir(casesDir)).toEqual(['SHELL-1.sealcase']);
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    asFn(fx.state.permissionRequestHandler)({}, 'media', callback, {});
    asFn(fx.state.permissionRequestHandler)({}, 'notifications', callback, {});
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(asFn(fx.state.permissionCheckHandler)({}, 'clipboard-read', 'sealcase://app', {})).toBe(
      false,
    );
    expect(asFn(fx.state.devicePermissionHandler)({ deviceType: 'usb' })).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:8080/',
    'file:///etc/passwd',
    'sealcase://app.evil.example/index.html',
    'sealcase://other/index.html',
    'javascript:alert(1)',
  ])('blocks navigation of the window to %s', (url) => {
    const event = { preventDefault: vi.fn() };
    listener(window().webContents.listeners, 'will-navigate')(event, url);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('lets the page move within its own origin', () => {
    const event = { preventDefault: vi.fn() };
    listener(window().webContents.listeners, 'will-navigate')(
      event,
      'sealcase://app/index.html#/cases',
    );
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('blocks redirects and webviews, and denies window.open', () => {
    const contents = window().webContents;
    for (const name of ['will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listener(contents.listeners, name)(event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(asFn(contents.windowOpenHandler)({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(asFn(contents.windowOpenHandler)({ url: 'sealcase://app/index.html' })).toEqual({
      action: 'deny',
    });
  });

  it('hardens every other web contents that gets created', () => {
    const contents = new fx.state.FakeWebContents();
    listener(fx.state.appListeners, 'web-contents-created')({}, contents);
    expect(asFn(contents.windowOpenHandler)({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const event = { preventDefault: vi.fn() };
    listener(contents.listeners, 'will-navigate')(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('sets the CSP header on every response, keeping the other headers', () => {
    const callback = vi.fn();
    asFn(fx.state.headersListener)(
      { url: 'sealcase://app/index.html', responseHeaders: { 'X-Other': ['1'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('sets an application menu', () => {
    expect(fx.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const menu = fx.electron.Menu.setApplicationMenu.mock.calls[0]?.[0] as {
      template: unknown[];
    } | null;
    expect(menu).not.toBeNull();
    expect(menu?.template.length).toBeGreaterThan(0);
    expect(fx.electron.Menu.buildFromTemplate).toHaveReturnedWith(menu);
  });
});

describe('electron/main/main.ts when another instance holds the lock', () => {
  it('quits without creating a window or registering any channel', async () => {
    fx.reset();
    fx.state.lock = false;
    vi.resetModules();
    await import(MAIN);
    await vi.waitFor(() => expect(fx.electron.app.quit).toHaveBeenCalledTimes(1));
    // Give start() every chance to go on, were it wrongly to continue.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fx.electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    expect(fx.state.windows).toHaveLength(0);
    expect(fx.electron.ipcMain.handle).not.toHaveBeenCalled();
    expect(fx.electron.app.whenReady).not.toHaveBeenCalled();
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows no remote origin, no wildcard and no inline or eval script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/i);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/wss?:/i);
    expect(CONTENT_SECURITY_POLICY).not.toContain('*');
    expect(directives.get('default-src')).toEqual(["'none'"]);
    const script = directives.get('script-src') ?? [];
    expect(script).toEqual(["'self'"]);
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is exactly the one in renderer/index.html', async () => {
    const html = await readFile(
      fileURLToPath(new URL('../../../../renderer/index.html', import.meta.url)),
      'utf8',
    );
    const metas = [
      ...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi),
    ];
    expect(metas).toHaveLength(1);
    expect(metas[0]?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('mainWindowOptions', () => {
  it('keeps the hardening whatever the preload path', () => {
    fc.assert(
      fc.property(fc.string(), (preload) => {
        const prefs = mainWindowOptions(preload).webPreferences;
        expect(prefs).toMatchObject({
          preload,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          contextIsolation: true,
          sandbox: true,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
        });
      }),
    );
  });

  it('returns a fresh object each time, so a caller cannot weaken the next window', () => {
    const first = mainWindowOptions('/a/preload.cjs');
    if (first.webPreferences !== undefined) first.webPreferences.nodeIntegration = true;
    expect(mainWindowOptions('/a/preload.cjs').webPreferences?.nodeIntegration).toBe(false);
  });
});
