import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMilvusLite, type MilvusLite } from './milvus-lite.js';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const script = join(packageDir, `readme-snippet-${process.pid}.mjs`);

describe('README', { timeout: 90_000 }, () => {
  let milvus: MilvusLite;
  beforeAll(async () => {
    milvus = await startMilvusLite();
  }, 90_000);
  afterAll(async () => {
    rmSync(script, { force: true });
    await milvus?.stop();
  });

  it('runs the quick-start snippet against Milvus Lite', async () => {
    const { MilvusClient, DataType } = createRequire(import.meta.url)('@zilliz/milvus2-sdk-node') as typeof import('@zilliz/milvus2-sdk-node');
    const setup = new MilvusClient({ address: milvus.address, logLevel: 'error' });
    try {
      await setup.createCollection({
        collection_name: 'user_embeddings',
        fields: [
          { name: 'id', data_type: DataType.VarChar, is_primary_key: true, max_length: 64 },
          { name: 'vector', data_type: DataType.FloatVector, dim: 4 },
        ],
        index_params: [{ field_name: 'vector', index_type: 'FLAT', metric_type: 'COSINE' }],
      });
      await setup.loadCollection({ collection_name: 'user_embeddings' });
    } finally {
      await setup.closeConnection();
    }
    const snippet = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(snippet).toContain("'127.0.0.1:19530'");
    writeFileSync(script, snippet.replace("'127.0.0.1:19530'", JSON.stringify(milvus.address)));
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: packageDir, timeout: 60_000 });
    expect(stdout.trim()).toBe('Success');
  });
});
