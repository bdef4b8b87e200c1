/** Embedders of the reference node (PoI, calibration): lexical, llama.cpp and transformers.js. */
export { EmbeddingError, type EmbeddingErrorCode } from './errors.ts'
export { describeInvalidTexts, type Embedder } from './types.ts'
export { centreVectors, computeCorpusMean, computeCosine, normalizeInPlace } from './vectors.ts'
export { LEXICAL_DEFAULTS, LexicalEmbedder, type LexicalEmbedderOptions } from './lexical.ts'
export { LlamaEmbedder, type LlamaEmbedderOptions } from './llama.ts'
export { TransformersEmbedder, type TransformersEmbedderOptions } from './transformers.ts'
export { createEmbedder, EMBEDDER_KINDS, type EmbedderSpec } from './factory.ts'
