import rule from '../../src/rules/secret-ai-api-key.js';
import { contentRuleTable, fake } from './content-table.js';

const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const legacy = `sk-${fake(20, 141, A)}T3BlbkFJ${fake(20, 142, A)}`;
const project = `sk-proj-${fake(74, 143, `${A}_-`)}T3BlbkFJ${fake(74, 144, `${A}_-`)}`;
const anthropic = `sk-ant-api03-${fake(93, 145, `${A}_-`)}AA`;

contentRuleTable(rule, {
  valid: [
    { name: 'an sk- string without the OpenAI marker', text: `sk-${fake(48, 146, A)}\n` },
    { name: 'a placeholder', text: 'OPENAI_API_KEY=sk-...\nANTHROPIC_API_KEY=sk-ant-xxxx\n' },
  ],
  invalid: [
    {
      name: 'a legacy OpenAI key',
      text: `openai.api_key = "${legacy}"\n`,
      secret: legacy.slice(3),
      findings: [{ kind: 'openai-api-key', evidence: 'sk-****', line: 1 }],
    },
    {
      name: 'a project key and an Anthropic key in one .env-like file',
      path: '/app/ai.conf',
      text: `OPENAI=${project}\nANTHROPIC=${anthropic}\n`,
      secret: anthropic.slice(13),
      findings: [
        { kind: 'openai-api-key', evidence: 'sk-proj-****', line: 1 },
        { kind: 'anthropic-api-key', evidence: 'sk-ant-api03-****', line: 2 },
      ],
    },
  ],
});
