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
      // The XLSX worker and the export worker are entries of their own, built next to main.js where
      // sheet-file.ts and export-pool.ts look for them. Shared chunks stay next to the entries too,
      // so a module that finds files from its own URL (the PDF fonts: ../../resources/fonts)
      // resolves the same from every output file.
      rollupOptions: {
        input: { main: 'electron/main.ts', 'xlsx-worker': 'electron/import/xlsx-worker.ts', 'export-worker': 'electron/services/export-worker.ts' },
        external: ['better-sqlite3'],
        output: { chunkFileNames: '[name]-[hash].js' },
      },
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
