import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one window's options. Hardening is never relaxed (DESIGN.md "Window hardening"); a unit test
 * asserts each value, because Electronegativity misses `nodeIntegration: true` next to
 * `sandbox: false`.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Sealcase',
    backgroundColor: '#1b1f24',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  };
}
