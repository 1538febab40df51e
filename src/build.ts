/**
 * The fingerprint of the sources and libraries a build was made from, set by
 * scripts/build.mjs (and by vitest.config.ts for the sources the tests run).
 * Undefined when the sources run unbundled otherwise, where nothing that
 * depends on it (the playbook cache) is used.
 */
declare const __CRISIS_BUILD__: string | undefined;

export const BUILD_ID: string | undefined = typeof __CRISIS_BUILD__ === 'string' ? __CRISIS_BUILD__ : undefined;
