#!/usr/bin/env node
// The local S3: s3rver, which accepts only its own access key unless told otherwise. The shop's local profile
// signs with "local"/"local" like every other emulator, so that key pair is added before the server starts.
// (s3rver does not check SigV4 signatures; it does check presigned links' expiry.)
// Usage: node s3.js <port> <data directory>
'use strict';
const S3rver = require('s3rver');
const AWSAccount = require('s3rver/lib/models/account');

const [port, directory] = process.argv.slice(2);
AWSAccount.DUMMY_ACCOUNT.createKeyPair('local', 'local');
new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: true })
  .run()
  .then(({ port: bound }) => console.log(`s3rver listening on 127.0.0.1:${bound}, data in ${directory}`))
  .catch((err) => {
    console.error(`s3rver failed: ${err.message}`);
    process.exit(1);
  });
