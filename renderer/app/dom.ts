/** Plain DOM for the first paint (drawn before React has loaded). */
import { cssVariables } from './palette.ts';

type Child = Node | string | null | undefined | false;

/** An element with its attributes and children; text goes in as text nodes, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | number | undefined> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, String(value));
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** Set the --sa-* variables (palette.ts) on the page, once, before the first paint (the app's light table uses them too). */
export function applyCssVariables(): void {
  for (const [name, value] of Object.entries(cssVariables())) document.documentElement.style.setProperty(name, value);
}
