// Ink renders only a final frame when CI is set (it reads the variable when first loaded): the
// explorer's component tests need Ink as a user's terminal has it. CI's own value stays readable.
if (process.env.CI !== undefined) process.env.LAYERLINT_TEST_CI = process.env.CI;
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
