import rule from '../../src/rules/secret-azure.js';
import { contentRuleTable, fake } from './content-table.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const key = `${fake(86, 41, B64)}==`;
const sas = `${fake(43, 42, B64)}=`;

contentRuleTable(rule, {
  valid: [
    {
      name: 'a placeholder in a connection string',
      text: 'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=<your-key>;EndpointSuffix=core.windows.net\n',
    },
    { name: 'a key of the wrong length', text: `AccountKey=${fake(40, 43, B64)}==\n` },
  ],
  invalid: [
    {
      name: 'a storage connection string',
      path: '/app/appsettings.json',
      text: `{\n  "Storage": "DefaultEndpointsProtocol=https;AccountName=demostore;AccountKey=${key};EndpointSuffix=core.windows.net"\n}\n`,
      secret: key,
      findings: [{ kind: 'azure-storage-account-key', evidence: 'AccountName=demostore;AccountKey=****', line: 2 }],
    },
    {
      name: 'a Service Bus connection string',
      text: `Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sas}\n`,
      secret: sas,
      findings: [{ kind: 'azure-shared-access-key', evidence: 'SharedAccessKey=****', line: 1 }],
    },
  ],
});
