import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Builds dist/ when it is missing or stale: tests that spawn the CLI never run an old build.
    globalSetup: ['test/global-setup.ts'],
    // CLI tests spawn the built binary; give slow CI machines room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
