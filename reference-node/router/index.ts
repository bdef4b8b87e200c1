/** The router's HTTP, OpenAI-compatible and WebSocket surface (see README.md). */
export { startRouter, type RunningRouter } from './server.ts'
export { CHAT_TEMPLATES, DEV_TOKEN, RATE_LIMIT_KEYS, RouterConfigError, getRouterDefaults, resolveRouterOptions, type ChatTemplateName, type RateLimitKey, type RouterOptions, type RouterOptionsInput } from './config.ts'
export { ROUTER_ENV_KEYS, parseDotEnv, readRouterEnv } from './config-env.ts'
export {
  BACKEND_ERROR_CODES, RouterBackendError, type BackendErrorCode, type BackendMetric, type BackendStatus, type CompletionHooks, type CompletionInput, type CompletionOutcome,
  type MinerAdmission, type MinerInfo, type MinerLink, type MinerLinkHooks, type MinerTaskResult, type ModelInfo, type Page, type PageOf, type PoiResultInfo,
  type RouterBackend, type RouterInfo, type SessionInfo, type TaskInfo, type TokenChunk,
} from './backend.ts'
export { FAKE_MODEL, FAKE_ROUTER_ADDRESS, FakeRouterBackend, type FakeFault, type FakeRouterBackendOptions, type FakeSessionSpec } from './fake-backend.ts'
export { FAKE_MINER_BEHAVIOURS, type FakeMinerBehaviour } from './fake-task.ts'
export { ROUTER_ERROR_CODES, ROUTER_ERROR_STATUS, RouterHttpError, type RouterErrorBody, type RouterErrorCode } from './errors.ts'
export { WS_CLOSE } from './ws-server.ts'
export { WS_PROTOCOL_VERSION, encodeWsMessage, parseMinerFrame, parseRouterFrame, type MinerHello, type MinerMessage, type MinerToRouter, type RouterMessage, type TaskRef, type WsLimits, type WsParseResult } from './ws-schema.ts'
export { LLM_FIELD_BOUNDS, encodeLlmParams } from './llm-params.ts'
export { renderChatPrompt, type ChatMessage } from './chat-template.ts'
export { ChainRouterBackend, type ChainRouterBackendOptions } from './chain-backend.ts'
export { MINER_LINK_BACKOFF, MinerRouterLink, type MinerLinkOptions } from './chain-backend-miner-link.ts'
export { SIGN_IN_CHALLENGE_CODE, SignInNonces, buildSignInMessage, formatSignInChallenge, parseSignInChallenge, verifySignIn, type SignInChallenge, type SignInFacts } from './chain-backend-signin.ts'
export { describeSession, describeTask, pickResult, verifySlot, type ModelEntry } from './chain-backend-views.ts'
