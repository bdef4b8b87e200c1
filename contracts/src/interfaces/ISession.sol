// SPDX-License-Identifier: MIT
// contracts/src/interfaces/ISession.sol (phase 2)
pragma solidity ^0.8.24;

/**
 * @dev Types, events and errors of Session (SessionV2, `protocol/session` plus the world's session
 * rules). {SessionStatus} is `SESSION_STATUSES` (Created=0, Ready=1, Deactivated=2) and
 * {SessionMode} is `SESSION_MODES` (the ABI's `mode` numbers).
 */
interface ISessionTypes {
    enum SessionStatus {
        Created,
        Ready,
        Deactivated
    }

    enum SessionMode {
        Ephemeral,
        Dedicated,
        Hybrid
    }

    /// @dev The config field an {ISessionErrors-SessionInvalidConfig} names, in the ABI's order.
    enum ConfigField {
        Name,
        Metadata,
        VariableAddress,
        MinNumOfNodes,
        MaxNumOfNodes,
        Redundant,
        NumOfValidatorNodes,
        Mode,
        ReserveEphemeralNodes,
        Sla,
        ModelIdentifier,
        ReservePeriod,
        MaxTaskExecutionCount
    }

    /// @dev The input an {ISessionErrors} malformed-input error names.
    enum InputField {
        RouterMetadata,
        Nodes,
        NewOwner,
        NodeType,
        TaskData,
        PromptType,
        PromptTemplate,
        LlmParams,
        RequestParams,
        ClientReference
    }

    /// @dev The `session.*` bounds (UTF-8 byte lengths, list lengths, token caps).
    struct SessionParams {
        uint32 maxNodesPerSession;
        uint32 maxValidatorNodes;
        uint32 maxRouters;
        uint32 maxNameBytes;
        uint32 maxMetadataBytes;
        uint32 maxRouterMetadataBytes;
        uint32 maxTaskDataBytes;
        uint32 maxPromptTemplateBytes;
        uint32 maxClientReferenceBytes;
        uint32 maxParamEntries;
        uint32 maxTokensCap;
        uint32 defaultMaxTokens;
    }

    /// @dev The owner-chosen fields of a session (`SessionConfig`), reserve period in ms.
    struct SessionConfig {
        string name;
        string metadata;
        address variableAddress;
        uint32 minNumOfNodes;
        uint32 maxNumOfNodes;
        uint32 redundant;
        uint32 numOfValidatorNodes;
        SessionMode mode;
        bool reserveEphemeralNodes;
        uint8 sla;
        uint256 modelIdentifier;
        uint64 reservePeriodMs;
        uint32 maxTaskExecutionCount;
    }

    /**
     * @dev The scalar part of `SessionState`'s observable projection (its config, nodes and
     * routers have their own reads); times are ticks, 0 = unset.
     */
    struct SessionView {
        uint256 id;
        SessionStatus status;
        address owner;
        uint256 nextTaskId;
        uint64 createdAt;
        uint64 updatedAt;
        uint64 deactivatedAt;
        uint256 ephemeralNodeCount;
        uint256 dedicatedNodeCount;
    }
}

interface ISessionEvents is ISessionTypes {
    event SessionCreated(uint256 indexed sessionId, address indexed owner, address[] miners);
    event SessionUpdated(uint256 indexed sessionId, address updater, uint256 minNumOfNodes, uint256 maxNumOfNodes, uint256 redundant);
    event SessionOwnerUpdated(uint256 indexed sessionId, address previousOwner, address newOwner);
    event SessionDeactivated(uint256 indexed sessionId, address deactivator, address[] nodes);
    event RouterAdded(uint256 indexed sessionId, address indexed router, string metadata);
    event RouterRemoved(uint256 indexed sessionId, address indexed router);
    event NewNodeAssignedToSession(uint256 indexed sessionId, address[] nodes, uint256 newNodeCount, uint256 assignmentType);
    event NodeReleased(address indexed node, uint256 indexed sessionId);
    event DedicatedNodeAdded(uint256 indexed sessionId, address indexed node);
    event DedicatedNodeRemoved(uint256 indexed sessionId, address indexed node);
    event TaskSubmitted(uint256 indexed sessionId, uint256 indexed taskId, string taskData, string clientReference);
    event SessionModulesUpdated(address registry, address pool, address payment, address queue);
    event SessionParamsUpdated(SessionParams params);
}

interface ISessionErrors is ISessionTypes {
    // ---- access and administration ----
    error SessionNotModule(address account);
    error SessionZeroAddress();
    error SessionInvalidParam(uint8 field, uint256 value);
    error SessionNotOwner(uint256 sessionId, address account);
    error SessionNotOwnerOrOracle(uint256 sessionId, address account);
    // ---- session and config ----
    error SessionUnknownSession(uint256 sessionId);
    error SessionInactive(uint256 sessionId);
    error SessionWrongPhase(uint256 sessionId, SessionStatus status);
    error SessionInvalidConfig(ConfigField field, uint256 value);
    // ---- malformed input ----
    error SessionStringTooLong(InputField field, uint256 length, uint256 maxLength);
    error SessionEmptyInput(InputField field);
    error SessionInvalidInteger(InputField field, uint256 index, uint256 value);
    error SessionTooManyEntries(InputField field, uint256 count, uint256 max);
    error SessionLlmParamOutOfRange(uint256 index, uint256 value, uint256 max);
    error SessionZeroOwner();
    error SessionUnknownFunction(bytes4 selector);
    // ---- routers ----
    error SessionNotRouter(uint256 sessionId, address account);
    error SessionRouterExists(uint256 sessionId, address router);
    error SessionTooManyRouters(uint256 sessionId, uint256 max);
    // ---- nodes ----
    error SessionWrongMode(uint256 sessionId, SessionMode mode);
    error SessionDuplicateNode(uint256 sessionId, address node);
    error SessionNodeAlreadyInSession(uint256 sessionId, address node);
    error SessionFull(uint256 sessionId, uint256 count, uint256 max);
    error SessionUnknownNode(uint256 sessionId, address node);
    error SessionNotSessionNode(uint256 sessionId, address node);
    error SessionNodeNotReserved(address node);
    error SessionReleaseWithDeactivation(address node);
}

/// @dev What SessionQueue calls back.
interface ISessionForQueue {
    /// @dev Reverts unless every miner is a node of the session, not banned and online.
    function checkAssignable(uint256 sessionId, address[] calldata miners) external view;

    /// @dev One task of `sessionId` finished on each miner: counts against reservations, releases by task count.
    function recordTaskExecuted(uint256 sessionId, address[] calldata miners) external;
}

/// @dev What NodePool calls back when it bans a reserved node.
interface ISessionForPool {
    function onNodeBanned(address node, uint256 sessionId) external;
}

/**
 * @dev SessionV2's `create` exactly as published (Appendix A of cortensor-protocol.md), for
 * clients that encode it. Session answers this selector (see {Session-fallback}); its own
 * {Session-createSession} takes the same calldata with the numbers grouped in fixed-size arrays.
 * Solidity callers compiled without via-IR cannot encode thirteen arguments with two strings on
 * the stack either; they call `createSession`.
 */
interface ISessionV2 {
    function create(
        string calldata name,
        string calldata metadata,
        address variableAddress,
        uint256 minNumOfNodes,
        uint256 maxNumOfNodes,
        uint256 redundant,
        uint256 numOfValidatorNodes,
        uint256 mode,
        bool reserveEphemeralNodes,
        uint256 sla,
        uint256 modelIdentifier,
        uint256 reservePeriod,
        uint256 maxTaskExecutionCount
    ) external returns (uint256 sessionId);
}
