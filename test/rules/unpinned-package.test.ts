// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/unpinned-package.md).
import rule from '../../src/rules/unpinned-package.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y python=2.7',
    'FROM python:3.12\nRUN pip install django==1.9',
    'FROM python:3.12\nRUN pip install -r requirements.txt',
    'FROM node:20\nRUN npm install express@4.1.1',
    'FROM node:20\nRUN npm install',
    'FROM alpine:3.20\nRUN apk add --no-cache python3=3.12.3-r1',
    'FROM ruby:3\nRUN gem install bundler:2.0.2',
    'FROM ruby:3\nRUN gem install bundler -v 2.0.2',
    'FROM centos:7\nRUN yum install -y httpd-2.4.6',
    'FROM opensuse/leap:15\nRUN zypper install -y httpd=2.4.46',
    'FROM fedora:40\nRUN dnf install -y httpd-2.24.2',
    'FROM debian:12\nRUN apt-get install -y ./local.deb',
    'FROM python:3.12\nRUN pip install .',
  ],
  invalid: [
    {
      code: '# hadolint DL3008\nFROM debian:12\nRUN apt-get install -y python',
      findings: [
        {
          message: 'apt-get install python: no version pinned',
          line: 3,
          column: 24,
          data: { manager: 'apt-get', packages: ['python'], peer: 'DL3008' },
        },
      ],
    },
    {
      code: '# hadolint DL3013\nFROM python:3.12\nRUN pip install django',
      findings: [{ message: 'pip install django', line: 3, column: 17, data: { peer: 'DL3013' } }],
    },
    {
      code: '# hadolint DL3016\nFROM node:20\nRUN npm install express',
      findings: [{ message: 'npm install express', line: 3, column: 17, data: { peer: 'DL3016' } }],
    },
    {
      code: '# hadolint DL3018\nFROM alpine:3.20\nRUN apk add --no-cache python3',
      findings: [{ message: 'apk add python3', line: 3, column: 24, data: { peer: 'DL3018' } }],
    },
    {
      code: '# hadolint DL3028\nFROM ruby:3\nRUN gem install bundler',
      findings: [{ message: 'gem install bundler', line: 3, column: 17, data: { peer: 'DL3028' } }],
    },
    {
      code: '# hadolint DL3033\nFROM centos:7\nRUN yum install -y httpd && yum clean all',
      findings: [{ message: 'yum install httpd', line: 3, column: 20, data: { peer: 'DL3033' } }],
    },
    {
      code: '# hadolint DL3037\nFROM opensuse/leap:15\nRUN zypper install -y httpd',
      findings: [{ message: 'zypper install httpd', line: 3, column: 23, data: { peer: 'DL3037' } }],
    },
    {
      code: '# hadolint DL3041\nFROM fedora:40\nRUN dnf install -y httpd',
      findings: [{ message: 'dnf install httpd', line: 3, column: 20, data: { peer: 'DL3041' } }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10 git ca-certificates',
      findings: [
        {
          message: 'apt-get install git ca-certificates',
          line: 2,
          column: 63,
          data: { packages: ['git', 'ca-certificates'] },
        },
      ],
    },
  ],
});
