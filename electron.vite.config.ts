/**
 * electron-vite builds the three parts of the desktop app into out/: main and preload (Node/CJS
 * for Electron) and the renderer (the same config as browser mode's `vite build`).
 */
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import renderer from './vite.config.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: 'electron/main.ts' }, external: ['better-sqlite3'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { preload: 'electron/preload.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...renderer,
    root: resolve('renderer'),
    build: { ...renderer.build, outDir: resolve('out/renderer'), rolldownOptions: { ...renderer.build?.rolldownOptions, input: resolve('renderer/index.html') } },
  },
});
