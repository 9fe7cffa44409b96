import { defineConfig } from 'vitest/config';

// Dawn is safest in forked workers; WGSL on SwiftShader is slow, so GPU tests get long timeouts.
// Files run one at a time: SwiftShader already uses every core, and the timing-ratio test must not
// share the machine with another suite.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
