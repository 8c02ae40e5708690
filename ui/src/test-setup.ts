// Vitest setup: DOM matchers and a clean DOM after each test.
import "@testing-library/jest-dom/vitest";
