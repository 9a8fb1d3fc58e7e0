// The report header names where an image came from in user words, never an internal format name.
import { dockerfileLabel, imageLabel, originOf } from '../../src/report/origin.js';

test('origins: user words for every source and archive layout', () => {
  expect(originOf({ source: 'daemon', format: 'daemon-cached' })).toBe('daemon');
  expect(originOf({ source: 'daemon', format: 'docker-save-legacy' })).toBe('daemon');
  expect(originOf({ source: 'registry', format: 'registry' })).toBe('registry');
  expect(originOf({ source: 'archive', format: 'docker-save-legacy' })).toBe('docker save archive');
  expect(originOf({ source: 'archive', format: 'docker-save-oci' })).toBe('docker save archive (OCI layout inside)');
  expect(originOf({ source: 'archive', format: 'oci-layout' })).toBe('OCI image layout');
  expect(originOf({ source: 'archive', format: 'rootfs' })).toBe('root filesystem tar (docker export)');
});

test('standard input is named by the archive, and a Dockerfile is not called "Dockerfile Dockerfile"', () => {
  expect(imageLabel({ ref: '-', repoTags: ['app:1.0'] })).toBe('app:1.0 (standard input)');
  expect(imageLabel({ ref: '-' })).toBe('standard input');
  expect(imageLabel({ ref: 'app.tar', repoTags: ['app:1.0'] })).toBe('app.tar');
  expect(dockerfileLabel('Dockerfile')).toBe('Dockerfile');
  expect(dockerfileLabel('docker/Containerfile.prod')).toBe('docker/Containerfile.prod');
  expect(dockerfileLabel('build/app.df')).toBe('Dockerfile build/app.df');
});
