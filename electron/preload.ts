/** The preload bridge: the renderer gets exactly one function, invoke(name, input). */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('scorecard', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke('invoke', name, input),
});
