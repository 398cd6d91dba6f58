// @ts-check
/**
 * The ESLint rule `architecture/boundaries`: which folder may import which (the layers are listed
 * in eslint.config.mjs). Every relative import — static, dynamic, `import type`, a re-export,
 * `import('…').T` in a type, `require` — is resolved against the importing file and must land in
 * one of the folders its layer allows. The first layer whose `files` the file is in applies.
 *
 * A layer's `files` is a folder (`shared/`), a file (`renderer/app/App.tsx`) or a folder with one
 * `*` standing for any one folder name (`renderer/features/*\/`); in its `allow`, `*` is the name
 * that matched (the feature's own folder). Paths are relative to `root`, with `/`.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** @typedef {{ files: string; allow: string[]; message: string }} Layer */

/**
 * Whether `path` is in `pattern`: null when not, else the folder name its `*` matched ('' without one).
 * @param {string} pattern @param {string} path
 */
export function matchLayer(pattern, path) {
  const star = pattern.indexOf('*');
  if (star < 0) return path === pattern || (pattern.endsWith('/') && path.startsWith(pattern)) ? '' : null;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  if (!path.startsWith(head)) return null;
  const rest = path.slice(head.length);
  const name = rest.split('/')[0] ?? '';
  if (name === '' || name === rest) return null; // a file beside the folders, not in one of them
  return matchLayer(`${head}${name}${tail}`, path) === null ? null : name;
}

/** @param {string} p */
const posix = (p) => p.split(sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'which folder may import which (the layers of eslint.config.mjs)' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                files: { type: 'string' },
                allow: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['files', 'allow', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: { crossing: '{{message}} (this import reaches {{target}})' },
  },
  create(context) {
    const { root, layers } = /** @type {{ root: string; layers: Layer[] }} */ (context.options[0]);
    const file = posix(relative(root, context.filename));
    /** @type {{ layer: Layer; name: string } | null} */
    let found = null;
    for (const layer of layers) {
      const name = matchLayer(layer.files, file);
      if (name !== null) {
        found = { layer, name };
        break;
      }
    }
    if (!found) return {};
    const { layer, name } = found;
    const allowed = layer.allow.map((a) => a.replace('*', name));

    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value.split('?')[0] ?? ''; // Vite's `?url`, `?raw`
      if (!spec.startsWith('./') && !spec.startsWith('../')) return; // a package: other rules decide
      const target = posix(relative(root, resolve(dirname(context.filename), spec)));
      if (allowed.some((a) => matchLayer(a, target) !== null)) return;
      context.report({ node: source, messageId: 'crossing', data: { message: layer.message, target } });
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(/** @type {import('estree').Node} */ (node.arguments[0]));
      },
      // TypeScript only: `import('./x.ts').T` in a type, `import x = require('./x')`.
      /** @param {any} node */
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : null),
      /** @param {any} node */
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

export const boundaries = { meta: { name: 'architecture' }, rules: { boundaries: rule } };
