/// <reference types="vitest/config" />
// Builds the web view into dist/ for Tauri: relative paths, no inline script
// or style (the app runs under a strict CSP), nothing fetched from elsewhere.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const govukSass = fileURLToPath(new URL("node_modules/govuk-frontend/dist", import.meta.url));

export default defineConfig({
  base: "./",
  // svelteTesting only acts under Vitest: browser build of Svelte, DOM cleanup.
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  css: {
    preprocessorOptions: {
      // `@use "govuk/…"` finds GOV.UK Frontend's Sass.
      scss: { loadPaths: [govukSass] },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Keep every asset a file: an inlined data: font or script would break the CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
  },
});
