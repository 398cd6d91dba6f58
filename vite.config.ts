import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The DataGrid and its helpers get their own chunk, loaded only by the lazy grid screens (MUI X
 * Charts stays out of it: only the dashboards load it). Its
 * locale texts stay out of it: the theme (first screen) applies them. Modules it shares with the
 * first screen (MUI core) are not pulled into it, or the first screen would load it too.
 */
const gridModule = /node_modules[\\/]@mui[\\/]x-(data-grid|internals|virtualizer)[\\/]/;
const gridLocale = /node_modules[\\/]@mui[\\/]x-data-grid[\\/](locales|utils[\\/]getGridLocalization|constants[\\/]localeTextConstants)/;
const chunkGroups = [{ name: 'datagrid', test: (id: string) => gridModule.test(id) && !gridLocale.test(id) }];

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the same build loads under Electron's custom protocol and over HTTP.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Explicit: electron-vite reuses this config and would otherwise leave the bundle unminified.
    minify: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        codeSplitting: { includeDependenciesRecursively: false, groups: chunkGroups },
      },
    },
  },
});
