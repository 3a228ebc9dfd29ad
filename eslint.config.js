import js from "@eslint/js";
import tseslint from "typescript-eslint";
import boundaries from "eslint-plugin-boundaries";
import { builtinModules } from "node:module";

/**
 * The layers of src/, bottom first. A layer may import from the layers listed before it
 * (and from itself), never from a layer after it. This list is the one place the
 * direction is written; `src/layers.test.ts` shows that a wrong-way import fails lint.
 */
const LAYERS = ["numeric", "model", "engine", "sim", "measure", "study", "plot", "io", "cli"];

/**
 * The browser-safe core: these layers (and the public API, src/index.ts) run in any JS host,
 * so they import no Node built-in and never use `import.meta`; data comes through the
 * DataResolver (src/model/dataResolver.ts), threads through a CohortRunner. Only io/ and
 * cli/ (and tests) may touch Node.
 */
const CORE_LAYERS = ["numeric", "model", "engine", "sim", "measure", "study", "plot"];
const NODE_ONLY =
  "is Node-only: the core must run in a browser (read data through the DataResolver, run threads through a CohortRunner; Node code goes in src/io/)";

const layerPolicies = LAYERS.map((layer, i) => ({
  from: { element: { type: layer } },
  allow: { to: { element: { types: { anyOf: LAYERS.slice(0, i + 1) } } } },
}));

export default tseslint.config(
  {
    ignores: ["dist/", "build/", "node_modules/", "out/", "runs/", "coverage/", "**/*.fixture.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    files: ["src/**/*.ts", "bench/**/*.ts"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.check.json" } },
      "boundaries/elements": [
        ...LAYERS.map((layer) => ({ type: layer, pattern: `src/${layer}` })),
        { type: "api", pattern: "src" },
        { type: "bench", pattern: "bench" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: [
            ...layerPolicies,
            // The public API lists the library; it never loads the command line.
            {
              from: { element: { type: "api" } },
              allow: {
                to: {
                  element: {
                    types: { anyOf: [...LAYERS.filter((l) => l !== "cli" && l !== "io"), "api"] },
                  },
                },
              },
            },
            {
              from: { element: { type: "bench" } },
              allow: { to: { element: { types: { anyOf: [...LAYERS, "api", "bench"] } } } },
            },
          ],
        },
      ],
    },
  },
  {
    files: [...CORE_LAYERS.map((l) => `src/${l}/**/*.ts`), "src/index.ts"],
    ignores: ["**/*.test.ts", "**/*.testkit.ts"], // tests and test support run in Node only
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: builtinModules.map((name) => ({ name, message: `"${name}" ${NODE_ONLY}` })),
          patterns: [{ regex: "^node:", message: `Node built-ins ${NODE_ONLY}` }],
        },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "MetaProperty", message: `import.meta ${NODE_ONLY}` },
        {
          selector: "ImportExpression[source.value=/^node:/]",
          message: `Node built-ins ${NODE_ONLY}`,
        },
      ],
    },
  },
  {
    // No function over 120 lines in the library (blank lines and comments not counted):
    // long functions are split into named steps a reader can follow. Tests are exempt
    // (a describe block is a list, not a procedure).
    files: ["src/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "max-lines-per-function": ["error", { max: 120, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
