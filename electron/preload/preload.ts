import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../../shared/contracts/bridge';
import { CHANNELS, PROGRESS_EVENT } from '../../shared/contracts/channels';

// One function per channel of the contract and a progress subscription; never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  'sealcase',
  buildBridge(
    CHANNELS,
    (channel, request) => ipcRenderer.invoke(channel, request),
    (listener) => {
      const forward = (_event: unknown, payload: unknown): void => listener(payload);
      ipcRenderer.on(PROGRESS_EVENT, forward);
      return () => {
        ipcRenderer.removeListener(PROGRESS_EVENT, forward);
      };
    },
  ),
);
