import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "bench/**/*.test.ts", "test-fixtures/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Tests run as a Node library user would: through the Node data resolver (files on disk)
    // and the worker-thread cohort runner.
    setupFiles: ["src/io/nodeData.ts", "src/io/workerCohortRunner.ts"],
  },
});
