/**
 * The hostile-input corpus (reliability check 27): inputs an attacker, a careless paste or a
 * broken file could send, by entry point. test/system/hostile-corpus.test.ts runs each through
 * the real entry point and checks its outcome class and a time bound. Outcome classes, not
 * wording: answers are reworded by other work, but an input that got an answer must keep
 * getting one, and nothing may crash or hang. The lists live by kind of input and are
 * gathered here in their order: text (hostile-corpus-text.ts), HTTP requests
 * (hostile-corpus-http.ts), files for the builder (hostile-corpus-files.ts).
 */
export { CONSOLE_INPUTS, PASTED_MESSAGES, LOOKUP_LINES, LOOKUP_ARGS } from './hostile-corpus-text.js';
export { type HttpClass, SLACK_REQUESTS, OPS_REQUESTS } from './hostile-corpus-http.js';
export { BUILDER_FILES } from './hostile-corpus-files.js';
