/**
 * Test fixture: a tiny "embedding model" folder that @huggingface/transformers loads offline —
 * config.json, the shared BERT tokenizer, and `onnx/model.onnx`, a single ONNX Gather over a
 * seeded random table (toolchain.md §4). It maps each token id to a fixed random vector, so after
 * mean pooling two texts are similar exactly as far as they share tokens: lexical, not semantic.
 *
 * Built at run time with onnx-proto so no binary is committed; the same seed gives the same bytes.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import onnxProto from 'onnx-proto'
import { createRng } from '../../../protocol/core/rng.ts'

const { onnx } = onnxProto

/** bert-base-uncased's vocabulary size (the shared tokenizer). */
export const BERT_VOCAB_SIZE = 30_522

export interface GatherModelOptions {
  /** Folder to create the model folder in. */
  readonly parentDir: string
  /** Name of the model folder (the transformers model id). */
  readonly modelId: string
  /** Folder with tokenizer.json and tokenizer_config.json. */
  readonly tokenizerDir: string
  /** Width of the embedding table. Default 32. */
  readonly dimensions?: number
  /** Seed of the random table. Default 1. */
  readonly seed?: number
  readonly vocabSize?: number
}

/** Writes the model folder and returns its path. */
export function writeGatherModel(options: GatherModelOptions): string {
  const dimensions = options.dimensions ?? 32
  const vocabSize = options.vocabSize ?? BERT_VOCAB_SIZE
  const dir = join(options.parentDir, options.modelId)
  mkdirSync(join(dir, 'onnx'), { recursive: true })
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) copyFileSync(join(options.tokenizerDir, file), join(dir, file))
  const config = { model_type: 'bert', architectures: ['BertModel'], hidden_size: dimensions, vocab_size: vocabSize, max_position_embeddings: 512 }
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config))
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeGatherModel(vocabSize, dimensions, options.seed ?? 1))
  return dir
}

/** The ONNX bytes: last_hidden_state[b, s, :] = table[input_ids[b, s], :]. */
export function encodeGatherModel(vocabSize: number, dimensions: number, seed: number): Uint8Array {
  const rng = createRng(seed)
  const table = new Float32Array(vocabSize * dimensions)
  for (let i = 0; i < table.length; i++) table[i] = rng.nextFloat() * 2 - 1
  const tokens = (name: string): InstanceType<typeof onnx.ValueInfoProto> =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] } } },
    })
  const graph = onnx.GraphProto.create({
    name: 'gather-embedding',
    node: [onnx.NodeProto.create({ opType: 'Gather', input: ['table', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] })],
    initializer: [onnx.TensorProto.create({ name: 'table', dims: [vocabSize, dimensions], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(table.buffer) })],
    input: [tokens('input_ids'), tokens('attention_mask')],
    output: [
      onnx.ValueInfoProto.create({
        name: 'last_hidden_state',
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }, { dimValue: dimensions }] } } },
      }),
    ],
  })
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], producerName: 'cortensor-testbed', graph })
  return onnx.ModelProto.encode(model).finish()
}
