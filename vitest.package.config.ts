import { defineConfig } from 'vitest/config';
import suite, { PACKAGE_TESTS } from './vitest.config.js';

export default defineConfig({
  test: { ...suite.test, include: [PACKAGE_TESTS], exclude: [] },
});
