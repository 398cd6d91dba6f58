/**
 * The page's entry, kept tiny: send the first requests (start.ts), then load the renderer
 * (main.tsx). The answers travel while React is still being fetched and compiled.
 */
import './app/start.ts';

void import('./main.tsx');
