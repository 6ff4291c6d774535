// The sandboxed preload: exposes window.pickyBridge and nothing else. Bundled into one CJS file
// (dist/preload.cjs) because a sandboxed preload can require only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './create-bridge';

contextBridge.exposeInMainWorld('pickyBridge', createBridge(ipcRenderer, { earlyReads: true }));
