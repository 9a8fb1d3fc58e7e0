// The content secret rules, one per provider family: what the walk's content scanner looks for
// (their detectors) and what the rule catalog runs. Adding a provider is one file in src/rules
// and one line here.

import secretAiApiKey from '../rules/secret-ai-api-key.js';
import secretAws from '../rules/secret-aws.js';
import secretAzure from '../rules/secret-azure.js';
import secretDatabaseUrl from '../rules/secret-database-url.js';
import secretDockerhub from '../rules/secret-dockerhub.js';
import secretGcp from '../rules/secret-gcp.js';
import secretGithub from '../rules/secret-github.js';
import secretGitlab from '../rules/secret-gitlab.js';
import secretHuggingface from '../rules/secret-huggingface.js';
import secretJwt from '../rules/secret-jwt.js';
import secretNpm from '../rules/secret-npm.js';
import secretPrivateKey from '../rules/secret-private-key.js';
import secretPypi from '../rules/secret-pypi.js';
import secretSendgrid from '../rules/secret-sendgrid.js';
import secretSlack from '../rules/secret-slack.js';
import secretStripe from '../rules/secret-stripe.js';
import secretTwilio from '../rules/secret-twilio.js';
import type { ContentSecretRule } from './content-rule.js';

export const CONTENT_SECRET_RULES: readonly ContentSecretRule[] = [
  secretAiApiKey,
  secretAws,
  secretAzure,
  secretDatabaseUrl,
  secretDockerhub,
  secretGcp,
  secretGithub,
  secretGitlab,
  secretHuggingface,
  secretJwt,
  secretNpm,
  secretPrivateKey,
  secretPypi,
  secretSendgrid,
  secretSlack,
  secretStripe,
  secretTwilio,
];
