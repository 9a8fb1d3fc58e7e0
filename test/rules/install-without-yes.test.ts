// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/install-without-yes.md).
import rule from '../../src/rules/install-without-yes.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y python=2.7',
    'FROM debian:12\nRUN apt-get -qq install curl',
    'FROM fedora:40\nRUN dnf install -y httpd-2.24.2',
    'FROM opensuse/leap:15\nRUN zypper -n install httpd',
    'FROM centos:7\nRUN yum install --assumeyes httpd',
    'FROM debian:12\nRUN apt-get update',
  ],
  invalid: [
    {
      code: '# hadolint DL3014, Trivy DS021\nFROM debian:12\nRUN apt-get install python=2.7',
      findings: [{ message: 'apt-get install without -y', line: 3, column: 5, data: { tool: 'apt-get' } }],
    },
    {
      code: '# hadolint DL3030\nFROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all',
      findings: [{ message: 'yum install without -y', line: 3, column: 5 }],
    },
    {
      code: '# hadolint DL3034\nFROM opensuse/leap:15\nRUN zypper install httpd=2.4.46',
      findings: [{ message: 'zypper install without -y', line: 3, column: 5 }],
    },
    {
      code: '# hadolint DL3038\nFROM fedora:40\nRUN dnf install httpd-2.24.2',
      findings: [{ message: 'dnf install without -y', line: 3, column: 5 }],
    },
  ],
});
