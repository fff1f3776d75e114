/**
 * Which extension host runs the extension: Node's (desktop VS Code, a remote, code-server) or
 * the browser worker of vscode.dev and github.dev (package.json's `browser` bundle). Both get
 * the same features; what differs is what the host can reach (see README, "Where it runs").
 */
export type ExtensionHostKind = 'node' | 'web';

export const hostKind: ExtensionHostKind = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function' ? 'web' : 'node';

/** The context key package.json's `when` clauses read (the debug view's note in the browser host). */
export const HOST_CONTEXT_KEY = 'tokenDoctor.extensionHost';
